"""Import Anki packages into a new collection with Anki's own backend (the `anki` package
from PyPI, headless) and print what came of it as JSON.

    python3 import.py COLLECTION.anki2 PACKAGE.apkg [PACKAGE.apkg ...]
"""

import json
import os
import sys

from anki.collection import (
    Collection,
    ImportAnkiPackageOptions,
    ImportAnkiPackageRequest,
)


def main() -> None:
    col = Collection(sys.argv[1])
    imports = []
    for path in sys.argv[2:]:
        options = ImportAnkiPackageOptions(
            merge_notetypes=True, update_notes=0, update_notetypes=0, with_scheduling=False
        )
        log = col.import_anki_package(
            ImportAnkiPackageRequest(package_path=path, options=options)
        ).log
        imports.append(
            {
                "new": len(log.new),
                "updated": len(log.updated),
                "duplicate": len(log.duplicate),
                "conflicting": len(log.conflicting),
                "first_field_match": len(log.first_field_match),
                "missing_notetype": len(log.missing_notetype),
                "missing_deck": len(log.missing_deck),
                "empty_first_field": len(log.empty_first_field),
            }
        )
    models = {
        m["name"]: {
            "fields": [f["name"] for f in m["flds"]],
            "templates": [t["name"] for t in m["tmpls"]],
        }
        for m in col.models.all()
    }
    decks = [d.name for d in col.decks.all_names_and_ids()]
    media = sorted(os.listdir(col.media.dir()))
    sample = None
    ids = col.find_notes("")
    if ids:
        note = col.get_note(ids[0])
        sample = {"guid": note.guid, "fields": dict(note.items())}
    # The search a sync through AnkiConnect makes (lesepult::anki_connect::notes_query),
    # run by Anki's own search engine.
    query = os.environ.get("LESEPULT_ANKI_QUERY")
    found = len(col.find_notes(query)) if query else None
    found_one = None
    if sample:
        found_one = len(col.find_notes(f"LesepultId:{sample['guid']}"))
    cards = col.find_cards("")
    rendered = None
    if cards:
        card = col.get_card(cards[0])
        rendered = {"question": card.question(), "answer": card.answer()}
    print(
        json.dumps(
            {
                "imports": imports,
                "notes": col.note_count(),
                "cards": col.card_count(),
                "models": models,
                "decks": decks,
                "media": media,
                "sample": sample,
                "found": found,
                "found_one": found_one,
                "rendered": rendered,
                "check": str(col.fix_integrity()),
            },
            ensure_ascii=False,
        )
    )
    col.close()


if __name__ == "__main__":
    main()
