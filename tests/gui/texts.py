"""Sample texts that several GUI test modules read."""

# Emoji and a CJK extension character before the quotes: each is two UTF-16 units in Qt.
ARTICLE = ("Residents 🏠 of Kestrel Bay packed the hall 🎤🎤 on Monday.\r\n"
           "“The seawall will be finished by spring,” said Ines Carvalho, the harbour commissioner.\r\n"
           "She added: “We have the money, we have the stone, and 𠀋 we have the crews.”\n"
           "A resident, Pavel Dune, was not convinced. “I have heard that every spring,” he said.")
