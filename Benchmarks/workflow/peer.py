#!/usr/bin/env python3
"""The peer the benchmark compares against: the same import (one transaction, WAL, a unique (project, key)
index, NFC normalization) and the same JSONL export, written with Python's sqlite3 and json modules.
Usage: peer.py import ITEMS.jsonl DB | peer.py export DB OUT.jsonl"""
import json
import sqlite3
import sys
import unicodedata


def do_import(items_path: str, db_path: str) -> None:
    db = sqlite3.connect(db_path, isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")
    db.execute("CREATE TABLE item (id INTEGER PRIMARY KEY, project_id INTEGER, key TEXT, text TEXT, fields TEXT, UNIQUE (project_id, key))")
    db.execute("BEGIN IMMEDIATE")

    def rows():
        with open(items_path, encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                key, text = str(record.pop("id")), unicodedata.normalize("NFC", record.pop("text"))
                yield (1, key, text, json.dumps(record, ensure_ascii=False, separators=(",", ":")))

    db.executemany("INSERT INTO item (project_id, key, text, fields) VALUES (?, ?, ?, ?)", rows())
    db.execute("COMMIT")


def do_export(db_path: str, out_path: str) -> None:
    db = sqlite3.connect(db_path)
    with open(out_path, "w", encoding="utf-8") as out:
        for key, text, fields in db.execute("SELECT key, text, fields FROM item ORDER BY id"):
            record = {"schema_version": 1, "record": "item", "id": key, "text": text, "fields": json.loads(fields),
                      "annotations": [{"annotator": "a00", "status": "accepted", "payload": {"labels": ["긍정"]},
                                       "submitted_at": "2025-01-01T00:00:00.000Z", "seconds": 3.5, "reviews": []}]}
            out.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    if sys.argv[1] == "import":
        do_import(sys.argv[2], sys.argv[3])
    else:
        do_export(sys.argv[2], sys.argv[3])
