"""The registry of output channels is complete: every command is declared, as an output or as inward."""

import argparse

from qtapp.cli import build_parser
from qtapp.core.channels import CHANNELS, INWARD, PROTECTS, surfaces


def cli_commands() -> set[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return {f"cli:{name}" for name in sub.choices}


def test_every_command_is_declared_in_the_registry():
    missing = cli_commands() - surfaces()
    assert not missing, f"commands missing from qtapp.core.channels (CHANNELS or INWARD): {sorted(missing)}"


def test_every_command_the_registry_names_exists():
    declared = {s for s in surfaces() if s.startswith("cli:")}
    assert declared <= cli_commands(), sorted(declared - cli_commands())


def test_a_surface_is_either_an_output_or_inward_never_both():
    outputs = {s for c in CHANNELS.values() for s in c.surfaces}
    assert not outputs & set(INWARD)


def test_only_private_channels_render_nothing_or_keep_everything():
    for channel in CHANNELS.values():
        assert channel.audience in PROTECTS
        if channel.render is None or not PROTECTS[channel.audience]:
            assert channel.audience == "private", channel.name
    assert {c.name for c in CHANNELS.values() if c.audience == "private"} == {"export:native", "preview:native",
                                                                              "backup"}
