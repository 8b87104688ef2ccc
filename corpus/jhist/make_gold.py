"""Builds gold/*.json from the mention lists below (surfaces in reading order; offsets found by search).

Written by hand for this set; timexes and events are not annotated (mentions only)."""
import hashlib
import json
from pathlib import Path

HERE = Path(__file__).parent
P, S, I = "PERSON", "SHIP", "INCIDENT"
DOCS = {
    "namamugi-encyclopedia": [
        (I, "生麦事件", "incident:namamugi"), (I, "生麦事件", "incident:namamugi"),
        (I, "なまむぎじけん", "incident:namamugi"), (P, "島津久光", "person:shimazu-hisamitsu"),
        (P, "島津久光", "person:shimazu-hisamitsu"), (P, "チャールズ・リチャードソン", "person:richardson"),
        (P, "奈良原喜左衛門", "person:narahara"), (P, "リチャードソン", "person:richardson"),
        (P, "ジョン・ニール", "person:neale"), (P, "大久保利通", "person:okubo"), (P, "西郷隆盛", "person:saigo"),
        (S, "ペンブローク号", "ship:pembroke"), (S, "開陽丸", "ship:kaiyo"), (S, "開陽丸", "ship:kaiyo"),
        (P, "榎本武揚", "person:enomoto"), (I, "寺田屋騒動", "incident:teradaya"),
        (I, "坂下門外の変", "incident:sakashita"), (I, "禁門の変", "incident:kinmon"),
    ],
    "meiji-showa-chronology": [
        (I, "秩父事件", "incident:chichibu"), (S, "ノルマントン号", "ship:normanton"),
        (I, "ノルマントン号事件", "incident:normanton"), (S, "ノルマントン号", "ship:normanton"),
        (S, "エルトゥールル号", "ship:ertugrul"), (I, "日比谷焼打事件", "incident:hibiya"),
        (I, "米騒動", "incident:rice-riots"), (P, "寺内正毅", "person:terauchi"), (P, "原敬", "person:hara"),
        (P, "犬養毅", "person:inukai"), (I, "五・一五事件", "incident:may-15"), (S, "富山丸", "ship:toyama-maru"),
        (S, "大和", "ship:yamato"), (S, "紫雲丸", "ship:shiun-maru"), (S, "第三宇高丸", "ship:daisan-uko-maru"),
        (I, "紫雲丸事故", "incident:shiun-maru"), (S, "紫雲丸", "ship:shiun-maru"),
    ],
    "meiji-restoration-people": [
        (P, "徳川慶喜", "person:yoshinobu"), (P, "慶喜", "person:yoshinobu"), (P, "坂本龍馬", "person:ryoma"),
        (P, "龍馬", "person:ryoma"), (I, "近江屋事件", "incident:omiya"), (P, "木戸孝允", "person:kido"),
        (P, "大久保利通", "person:okubo"), (P, "西郷隆盛", "person:saigo"), (P, "西郷", "person:saigo"),
        (P, "大久保", "person:okubo"), (I, "紀尾井坂の変", "incident:kioizaka"), (P, "福沢諭吉", "person:fukuzawa"),
        (P, "大隈重信", "person:okuma"), (P, "大正天皇", "person:taisho"), (P, "昭和天皇", "person:showa"),
        (P, "高橋 健一", "person:takahashi-kenichi"),
    ],
}


def main():
    for doc_id, items in DOCS.items():
        text = (HERE / "raw" / f"{doc_id}.txt").read_text(encoding="utf-8")
        pos = {}  # per label: the end of its last mention (within one label spans do not overlap)
        out = []
        for label, surface, cid in items:
            s = text.find(surface, pos.get(label, 0))
            assert s >= 0, (doc_id, surface)
            pos[label] = s + len(surface)
            out.append({"start": s, "end": s + len(surface), "label": label, "text": surface, "canonical_id": cid})
        out.sort(key=lambda m: (m["start"], -m["end"], m["label"]))
        gold = {"doc_id": doc_id, "lang": "ja", "text_sha256": hashlib.sha256(text.encode()).hexdigest(),
                "mentions": out, "timexes": [], "events": []}
        (HERE / "gold" / f"{doc_id}.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n",
                                                       encoding="utf-8")


if __name__ == "__main__":
    main()
