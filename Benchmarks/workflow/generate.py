#!/usr/bin/env python3
"""Writes the workflow benchmark inputs: N Korean items as JSONL, and the same N items as a Malmoi JSONL
export with one accepted, reviewed annotation each (to load N annotations for the export benchmark)."""
import json
import random
import sys

WORDS = ["배송", "포장", "가격", "품질", "색깔", "사이즈", "교환", "환불", "재구매", "선물", "고객센터", "설명서",
         "배터리", "화면", "소음", "냄새", "할인", "택배", "재질", "디자인"]
ENDINGS = ["이 좋아요.", "이 별로예요.", "은 그냥 그래요.", "이 생각보다 빨랐어요.", "때문에 실망했습니다.", "이 마음에 듭니다."]


def main() -> None:
    count = int(sys.argv[1])
    items_path, export_path = sys.argv[2], sys.argv[3]
    rng = random.Random(7)
    with open(items_path, "w", encoding="utf-8") as items, open(export_path, "w", encoding="utf-8") as export:
        header = {"schema_version": 1, "record": "header"}
        export.write(json.dumps(header) + "\n")
        for index in range(count):
            text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 8))) + rng.choice(ENDINGS)
            item_id = f"b{index:07d}"
            items.write(json.dumps({"id": item_id, "text": text, "category": rng.choice(WORDS)}, ensure_ascii=False) + "\n")
            label = rng.choice(["긍정", "부정", "중립"])
            record = {
                "schema_version": 1, "record": "item", "id": item_id, "text": text, "source": "bench",
                "annotations": [{
                    "annotator": f"a{index % 50:02d}", "status": "accepted", "payload": {"labels": [label]},
                    "submitted_at": "2025-01-01T00:00:00.000Z", "seconds": 3.5,
                    "reviews": [{"reviewer": "r1", "verdict": "accepted", "reasons": [], "at": "2025-01-02T00:00:00.000Z", "points": 10}],
                }],
            }
            export.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
