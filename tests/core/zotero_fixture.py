"""A Zotero data directory built from Zotero's published schema (userdata.sql, schema 107, and the
system tables Zotero fills from schema.json), holding invented items."""

from __future__ import annotations

import sqlite3
from pathlib import Path

SCHEMA = """
CREATE TABLE itemTypes (itemTypeID INTEGER PRIMARY KEY, typeName TEXT, templateItemTypeID INT, display INT DEFAULT 1);
CREATE TABLE fields (fieldID INTEGER PRIMARY KEY, fieldName TEXT, fieldFormatID INT);
CREATE TABLE creatorTypes (creatorTypeID INTEGER PRIMARY KEY, creatorType TEXT);
CREATE TABLE libraries (libraryID INTEGER PRIMARY KEY, type TEXT NOT NULL, editable INT NOT NULL,
    filesEditable INT NOT NULL, version INT NOT NULL DEFAULT 0, storageVersion INT NOT NULL DEFAULT 0,
    lastSync INT NOT NULL DEFAULT 0, archived INT NOT NULL DEFAULT 0);
CREATE TABLE items (itemID INTEGER PRIMARY KEY, itemTypeID INT NOT NULL,
    dateAdded TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, dateModified TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    clientDateModified TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, libraryID INT NOT NULL, key TEXT NOT NULL,
    version INT NOT NULL DEFAULT 0, synced INT NOT NULL DEFAULT 0, UNIQUE (libraryID, key));
CREATE TABLE itemDataValues (valueID INTEGER PRIMARY KEY, value UNIQUE);
CREATE TABLE itemData (itemID INT, fieldID INT, valueID, PRIMARY KEY (itemID, fieldID));
CREATE TABLE itemNotes (itemID INTEGER PRIMARY KEY, parentItemID INT, note TEXT, title TEXT);
CREATE TABLE itemAttachments (itemID INTEGER PRIMARY KEY, parentItemID INT, linkMode INT, contentType TEXT,
    charsetID INT, path TEXT, syncState INT DEFAULT 0, storageModTime INT, storageHash TEXT);
CREATE TABLE tags (tagID INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE itemTags (itemID INT NOT NULL, tagID INT NOT NULL, type INT NOT NULL, PRIMARY KEY (itemID, tagID));
CREATE TABLE creators (creatorID INTEGER PRIMARY KEY, firstName TEXT, lastName TEXT, fieldMode INT,
    UNIQUE (lastName, firstName, fieldMode));
CREATE TABLE itemCreators (itemID INT NOT NULL, creatorID INT NOT NULL, creatorTypeID INT NOT NULL DEFAULT 1,
    orderIndex INT NOT NULL DEFAULT 0, PRIMARY KEY (itemID, creatorID, creatorTypeID, orderIndex),
    UNIQUE (itemID, orderIndex));
CREATE TABLE collections (collectionID INTEGER PRIMARY KEY, collectionName TEXT NOT NULL,
    parentCollectionID INT DEFAULT NULL, clientDateModified TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    libraryID INT NOT NULL, key TEXT NOT NULL, version INT NOT NULL DEFAULT 0, synced INT NOT NULL DEFAULT 0,
    UNIQUE (libraryID, key));
CREATE TABLE collectionItems (collectionID INT NOT NULL, itemID INT NOT NULL, orderIndex INT NOT NULL DEFAULT 0,
    PRIMARY KEY (collectionID, itemID));
CREATE TABLE deletedItems (itemID INTEGER PRIMARY KEY, dateDeleted DEFAULT CURRENT_TIMESTAMP NOT NULL);
CREATE TABLE feedItems (itemID INTEGER PRIMARY KEY, guid TEXT NOT NULL UNIQUE, readTime TIMESTAMP,
    translatedTime TIMESTAMP);
INSERT INTO libraries (libraryID, type, editable, filesEditable) VALUES (1, 'user', 1, 1);
"""


class ZoteroLibrary:
    """Writes items into a new zotero.sqlite the way Zotero stores them."""

    def __init__(self, data_dir: Path):
        self.dir = data_dir
        data_dir.mkdir(parents=True, exist_ok=True)
        self.con = sqlite3.connect(data_dir / "zotero.sqlite")
        self.con.executescript(SCHEMA)
        self.next_key = 0

    def _id(self, table: str, key: str, value: str, column: str) -> int:
        row = self.con.execute(f"SELECT {key} FROM {table} WHERE {column} = ?", [value]).fetchone()
        if row:
            return row[0]
        return self.con.execute(f"INSERT INTO {table} ({column}) VALUES (?)", [value]).lastrowid

    def item(self, type_name: str, fields: dict | None = None, creators=(), *, parent: int | None = None,
             key: str | None = None) -> int:
        """Add an item; ``creators`` are (role, first, last) or (role, None, "Body") for one-field names."""
        self.next_key += 1
        key = key or f"K{self.next_key:07d}"
        type_id = self._id("itemTypes", "itemTypeID", type_name, "typeName")
        item_id = self.con.execute("INSERT INTO items (itemTypeID, libraryID, key) VALUES (?, 1, ?)",
                                   [type_id, key]).lastrowid
        for name, value in (fields or {}).items():
            field_id = self._id("fields", "fieldID", name, "fieldName")
            value_id = self._id("itemDataValues", "valueID", value, "value")
            self.con.execute("INSERT INTO itemData VALUES (?, ?, ?)", [item_id, field_id, value_id])
        for order, (role, first, last) in enumerate(creators):
            mode = 1 if first is None else 0
            row = self.con.execute("SELECT creatorID FROM creators "
                                   "WHERE lastName = ? AND firstName IS ? AND fieldMode = ?",
                                   [last, first, mode]).fetchone()
            creator_id = row[0] if row else self.con.execute(
                "INSERT INTO creators (firstName, lastName, fieldMode) VALUES (?, ?, ?)", [first, last, mode]).lastrowid
            role_id = self._id("creatorTypes", "creatorTypeID", role, "creatorType")
            self.con.execute("INSERT INTO itemCreators VALUES (?, ?, ?, ?)", [item_id, creator_id, role_id, order])
        return item_id

    def note(self, parent: int, html: str) -> int:
        note_id = self.item("note")
        self.con.execute("INSERT INTO itemNotes (itemID, parentItemID, note, title) VALUES (?, ?, ?, '')",
                         [note_id, parent, html])
        return note_id

    def attachment(self, parent: int, full_text: str | None) -> int:
        attachment_id = self.item("attachment")
        self.con.execute("INSERT INTO itemAttachments (itemID, parentItemID, linkMode, contentType, path) "
                         "VALUES (?, ?, 0, 'application/pdf', 'storage:file.pdf')", [attachment_id, parent])
        if full_text is not None:
            key = self.con.execute("SELECT key FROM items WHERE itemID = ?", [attachment_id]).fetchone()[0]
            folder = self.dir / "storage" / key
            folder.mkdir(parents=True)
            (folder / ".zotero-ft-cache").write_text(full_text, encoding="utf-8")
        return attachment_id

    def collection(self, name: str, item_ids) -> None:
        self.next_key += 1
        cid = self.con.execute("INSERT INTO collections (collectionName, libraryID, key) VALUES (?, 1, ?)",
                               [name, f"C{self.next_key:07d}"]).lastrowid
        self.con.executemany("INSERT INTO collectionItems (collectionID, itemID) VALUES (?, ?)",
                             [(cid, i) for i in item_ids])

    def tag(self, item_id: int, name: str) -> None:
        tag_id = self._id("tags", "tagID", name, "name")
        self.con.execute("INSERT INTO itemTags VALUES (?, ?, 0)", [item_id, tag_id])

    def trash(self, item_id: int) -> None:
        self.con.execute("INSERT INTO deletedItems (itemID) VALUES (?)", [item_id])

    def close(self) -> None:
        self.con.commit()
        self.con.close()
