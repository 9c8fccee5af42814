"""Emptying the trash forgets only the undo steps of what went for good."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qtapp.core.library import Library

ACTIONS = st.lists(st.tuples(st.sampled_from(["edit", "delete"]), st.integers(min_value=0, max_value=3)),
                   max_size=12)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(actions=ACTIONS)
def test_every_kept_quote_can_be_undone_back_to_its_first_words(tmp_path_factory, actions):
    lib = Library(tmp_path_factory.mktemp("lib") / "t.verbatim")
    try:
        speaker = lib.speakers.add("Ana Ruiz")
        ids = [lib.quotes.add(f"Quote {i}.", speaker) for i in range(4)]
        trashed = set()
        for action, i in actions:
            if ids[i] in trashed:
                continue
            if action == "edit":
                lib.quotes.update(ids[i], words=f"Quote {i}, edited.")
            else:
                lib.quotes.delete([ids[i]])
                trashed.add(ids[i])
        lib.trash.empty()
        while lib.undo_status()[0] not in (None, "Log quote"):
            lib.undo()                 # never refused: no step left touches what went
        for i, quote_id in enumerate(ids):
            if quote_id not in trashed:
                assert lib.quotes.get(quote_id).words == f"Quote {i}."
    finally:
        lib.close()
