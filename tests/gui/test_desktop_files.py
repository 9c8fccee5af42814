"""Verbatim is a desktop citizen: its entry, icon and AppStream metadata are there and agree."""

import configparser
import xml.etree.ElementTree as ET

from qtapp.gui.app import DESKTOP_ID, RESOURCES, app_icon


def test_the_desktop_entry_starts_verbatim_with_its_icon():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(RESOURCES / f"{DESKTOP_ID}.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert (desktop["Type"], desktop["Name"], desktop["Icon"]) == ("Application", "Verbatim", DESKTOP_ID)
    assert desktop["Exec"].split()[0] == "verbatim"      # the console script (setup writes its full path)
    assert desktop["Categories"].endswith(";")


def test_the_appstream_metadata_names_the_same_entry():
    root = ET.parse(RESOURCES / f"{DESKTOP_ID}.metainfo.xml").getroot()
    assert root.get("type") == "desktop-application"
    assert root.findtext("name") == "Verbatim" and root.findtext("summary")
    assert root.find("launchable").text == f"{DESKTOP_ID}.desktop"
    assert root.find("provides/binary").text == "verbatim"


def test_the_icon_draws(qapp):
    icon = app_icon()
    assert not icon.isNull()
    image = icon.pixmap(64, 64).toImage()
    assert image.width() == 64 and image.pixelColor(32, 20).alpha() > 0
