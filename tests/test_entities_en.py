"""English documents: the rule-based name finder of pipeline/entities/english.py (no model, no KB needed)."""
from __future__ import annotations

import pytest

from pipeline.entities import entity_resources, link_mentions, text_mentions
from pipeline.entities.english import is_romaji

NO_KB = entity_resources({"use_kb": False})
WITH_KB = entity_resources({"use_kb": True})


def run(text: str, res=NO_KB) -> list[dict]:
    ms = link_mentions(text_mentions(text, res), text, res)
    for m in ms:
        assert text[m["start"]:m["end"]] == m["text"]
    return ms


def names(ms, label: str) -> list[str]:
    return [m["text"] for m in ms if m["label"] == label]


def ids(ms, label: str = "PERSON") -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for m in ms:
        if m["label"] == label:
            out.setdefault(m["text"], set()).add(m["canonical_id"])
    return out


@pytest.mark.parametrize("word", ["Tsunenaga", "Shōgen", "Ieyasu", "Hattori", "Ikkō", "Kan'ei", "Shimbun",
                                  "Tōdai-ji", "Itoh", "Date", "Jutarō"])
def test_romaji_shape(word):
    assert is_romaji(word)


@pytest.mark.parametrize("word", ["William", "Adams", "Sotelo", "Philip", "Madrid", "Acapulco", "Havana", "Street",
                                  "Sunday", "Christianity", "Perry"])
def test_not_romaji_shape(word):
    assert not is_romaji(word)


def test_titles_roles_and_regnal_numbers():
    text = ("In July 1853 Commodore Matthew C. Perry entered Edo Bay. The shogunate sent the magistrate Toda "
            "Ujiyoshi to receive the letter of President Millard Fillmore. Later that year King Philip III and "
            "Pope Gregory XIII were remembered, and Sir Ernest Satow, a British diplomat, wrote about it. "
            "The Jesuit Alessandro Valignano and the Englishman Charles Lennox Richardson travelled there. "
            "Secretary of State William Seward approved.")
    ps = names(run(text), "PERSON")
    assert ps == ["Matthew C. Perry", "Toda Ujiyoshi", "Millard Fillmore", "Philip III", "Gregory XIII",
                  "Ernest Satow", "Alessandro Valignano", "Charles Lennox Richardson", "William Seward"]


def test_appositives_relatives_and_by_phrases():
    text = ("The galleon was built for Date Masamune, the daimyō of Sendai. Mukai Shōgen, who had built ships, "
            "helped. About 180 people sailed under the command of Hasekura Tsunenaga, a retainer of Masamune. "
            "Twenty Japanese were led by Tanaka Shōsuke.")
    ms = run(text)
    assert names(ms, "PERSON") == ["Date Masamune", "Mukai Shōgen", "Hasekura Tsunenaga", "Masamune",
                                   "Tanaka Shōsuke"]
    by = ids(ms)
    assert by["Masamune"] == by["Date Masamune"] == {"person:date-masamune"}
    assert by["Mukai Shōgen"] == {"person:mukai-shogen"}  # diacritics folded in the id


def test_romaji_pairs_and_given_names_without_cue():
    text = ("Oda Nobunaga and Toyotomi Hideyoshi unified the country; Hideyoshi invaded Korea in 1592. "
            "Philipp Franz von Siebold taught at Narutaki, and Rodrigo de Vivero met Tokugawa Ieyasu. "
            "In 1610 Vivero went home.")
    ms = run(text)
    assert names(ms, "PERSON") == ["Oda Nobunaga", "Toyotomi Hideyoshi", "Hideyoshi", "Philipp Franz von Siebold",
                                   "Rodrigo de Vivero", "Tokugawa Ieyasu", "Vivero"]
    by = ids(ms)
    assert by["Hideyoshi"] == by["Toyotomi Hideyoshi"]
    assert by["Vivero"] == by["Rodrigo de Vivero"]


def test_name_parts_link_and_possessives_stay_outside():
    text = ("Hasekura Tsunenaga led the embassy. After ninety days Hasekura's party reached Acapulco. "
            "The Tokugawa shogunate refused, and Tokugawa Ieyasu died. The Date clan ruled Sendai, but "
            "Date Masamune waited.")
    ms = run(text)
    ps = names(ms, "PERSON")
    assert ps == ["Hasekura Tsunenaga", "Hasekura", "Tokugawa Ieyasu", "Date Masamune"]
    assert ids(ms)["Hasekura"] == {"person:hasekura-tsunenaga"}


def test_places_organisations_and_japanese_words_are_no_people():
    text = ("Some Japanese historians date the crisis to 1863. Tokyo Bay, Mount Fuji, Nagasaki Harbour and the "
            "Asahi Shimbun are no people. The Sonnō Jōi movement grew. Monday was cold. May Day was quiet. "
            "Kyoto Gosho, Nijō Castle and Tōdai-ji are famous sites. Sōka Gakkai and Rikken Seiyūkai are "
            "organisations. Nihon Shoki and Kojiki are chronicles. The Keichō Embassy left in 1613, in the "
            "Meiji era, and the Tokugawa shogunate fell. The Dutch East India Company kept Dejima. General "
            "Headquarters issued orders. Kyoto University grew. New Spain and San Francisco are places. "
            "Sanlúcar de Barrameda is a port.")
    ms = run(text)
    assert names(ms, "PERSON") == []
    assert names(ms, "SHIP") == []


def test_sentence_initial_words_are_cut_off():
    text = "After Hasekura Tsunenaga returned, Later reports differ. In Madrid, King Philip III waited."
    assert names(run(text), "PERSON") == ["Hasekura Tsunenaga", "Philip III"]


def test_ships_by_vessel_word_aboard_and_saint_names():
    text = ("San Juan Bautista (ship)\n\nThe San Juan Bautista, known in Japan as the Date Maru, was a galleon. "
            "In 1609 the Manila galleon San Francisco was wrecked. Vivero sailed aboard the San Buenaventura. "
            "The battleship Retvizan and the cruiser Pallada were damaged; Tōgō's flagship Mikasa led the line. "
            "MacArthur accepted the surrender aboard the USS Missouri. The Lucky Dragon (Daigo Fukuryū Maru) "
            "was exposed to fallout.")
    ms = run(text)
    assert names(ms, "SHIP") == ["San Juan Bautista", "San Juan Bautista", "Date Maru", "San Francisco",
                                 "San Buenaventura", "Retvizan", "Pallada", "Mikasa", "Missouri",
                                 "Daigo Fukuryū Maru"]
    by = ids(ms, "SHIP")
    assert by["Date Maru"] == by["San Juan Bautista"] == {"ship:san-juan-bautista"}
    assert "Juan Bautista" not in names(ms, "PERSON")  # a ship named after a saint is a SHIP only


def test_saint_names_without_a_vessel_cue_are_nothing():
    text = "Santa Maria was the name of a church. San Juan Bautista is honoured in June. St. Paul preached."
    ms = run(text)
    assert names(ms, "SHIP") == [] and names(ms, "PERSON") == []


def test_incidents_are_named_incidents_not_wars():
    text = ("In 1862 the Namamugi Incident led to war. The Siebold incident of 1828 followed. Saigō Takamori led "
            "the Satsuma Rebellion in 1877. The Boshin War was fought in 1868; the Battle of Tsushima followed. "
            "The Nanking Massacre of 1937 and the Marco Polo Bridge Incident are discussed. A British raid failed.")
    ms = run(text)
    assert names(ms, "INCIDENT") == ["Namamugi Incident", "Siebold incident", "Satsuma Rebellion",
                                     "Nanking Massacre", "Marco Polo Bridge Incident"]


def test_a_new_name_is_the_same_person():
    text = ("Lafcadio Hearn taught in Matsue. In 1896 Hearn took the name Koizumi Yakumo. Hasekura Tsunenaga was "
            "baptized in Madrid and took the name Felipe Francisco.")
    by = ids(run(text))
    assert by["Koizumi Yakumo"] == by["Lafcadio Hearn"]
    assert by["Felipe Francisco"] == by["Hasekura Tsunenaga"]


def test_knowledge_base_names_still_link():
    text = "In 1600 William Adams met Tokugawa Ieyasu. Ieyasu gave Adams an estate."
    ms = run(text, WITH_KB)
    by = ids(ms)
    assert by["Ieyasu"] == by["Tokugawa Ieyasu"]
    assert by["Adams"] == by["William Adams"]


def test_given_names_before_a_place_word_and_single_titled_names():
    text = ("Rose Hill is a district. Victoria Peak overlooks Hong Kong. Empress Dowager Cixi ruled China. Prince "
            "Shōtoku wrote laws. Lord Elgin signed the treaty. John Manjirō sailed to America in 1841 aboard the "
            "whaler John Howland. Mark Twain never went to Japan.")
    ms = run(text)
    assert names(ms, "PERSON") == ["Cixi", "Shōtoku", "Elgin", "John Manjirō", "Mark Twain"]
    assert names(ms, "SHIP") == ["John Howland"]  # a ship named after a person is a SHIP only


def test_ships_in_lists_and_coordination():
    text = ("At dawn the destroyers torpedoed the battleships Tsesarevich and Retvizan and the cruiser Pallada. "
            "At Hong Kong the sloops Plymouth and Saratoga joined the squadron. Sailing vessels such as the "
            "Macedonian, the Vandalia and the Lexington followed. Later the admiral died on the Tsesarevich. "
            "He was wounded aboard his flagship, the Knyaz Suvorov, and the cruisers sink the Rurik off Ulsan. "
            "IJN Kongo reached Constantinople, and the Erutōruru-gō was lost.")
    ms = run(text)
    assert names(ms, "SHIP") == ["Tsesarevich", "Retvizan", "Pallada", "Plymouth", "Saratoga", "Macedonian",
                                 "Vandalia", "Lexington", "Tsesarevich", "Knyaz Suvorov", "Rurik", "Kongo",
                                 "Erutōruru-gō"]
    assert names(ms, "PERSON") == []


def test_lists_of_ships_stop_at_people_and_places():
    text = ("The frigates Hiei and Captain Inoue left Yokohama. The ships of Japan and Russia met. "
            "Commodore Perry and his officers sailed to Uraga aboard the steamers.")
    ms = run(text)
    assert names(ms, "SHIP") == ["Hiei"]
    assert "Japan" not in names(ms, "PERSON") and "Yokohama" not in names(ms, "SHIP")


def test_person_a_ship_is_named_after():
    text = ("Ertuğrul was a wooden frigate of the Ottoman Navy, named after Ertuğrul, the 13th-century father of "
            "Osman I. She was lost in 1890.")
    ms = run(text, WITH_KB)
    assert names(ms, "PERSON") == ["Ertuğrul", "Osman I"]
    assert [m["start"] for m in ms if m["label"] == "SHIP"] == [0]


def test_emperors_titles_after_honorifics_and_initials():
    text = ("Captain Ali Osman Bey was received by Emperor Meiji. Osman Pasha sailed on 15 September (the 16th "
            "day of the ninth month of Meiji 23), and Osman was lost. The Meiji Emperor sent doctors. "
            "Two days later, A. Carl Kotchian, the company's vice chairman, testified before Senator Frank Church. "
            "His supporters still call Tanaka Kakuei by his name, Kakuei-san. On 17 March Saddam Hussein warned "
            "the airlines.")
    ms = run(text)
    assert names(ms, "PERSON") == ["Ali Osman", "Emperor Meiji", "Osman", "Osman", "Meiji Emperor",
                                   "A. Carl Kotchian", "Frank Church", "Tanaka Kakuei", "Kakuei", "Saddam Hussein"]
    i = ids(ms)
    assert i["Osman"] == i["Ali Osman"] and i["Kakuei"] == i["Tanaka Kakuei"]
    assert i["Emperor Meiji"] == i["Meiji Emperor"]


def test_places_and_hills_are_no_people():
    text = ("The frigate ran into a typhoon off the Kii Peninsula and broke apart on Kii Ōshima. The survivors "
            "were cared for by the villagers of Ōshima, who shared their rice. General Nogi's troops take "
            "203-Metre Hill. Arthur Balfour said the Port Arthur squadron was lost.")
    ms = run(text, WITH_KB)
    assert names(ms, "PERSON") == ["Nogi", "Arthur Balfour"]


def test_middle_names_and_family_names_shared_by_two_people():
    text = ("The expedition was led by Commodore Matthew C. Perry. Matthew Calbraith Perry was a younger brother "
            "of Oliver Hazard Perry, the hero of Lake Erie. Perry landed at Kurihama. In Edo, Abe Masahiro chose to "
            "accept the letter. Facing the crisis, Masahiro Abe asked the daimyo. Abe died in 1857.")
    for res in (NO_KB, WITH_KB):
        ms = run(text, res)
        assert names(ms, "PERSON") == ["Matthew C. Perry", "Matthew Calbraith Perry", "Oliver Hazard Perry", "Perry",
                                       "Abe Masahiro", "Masahiro Abe", "Abe"]
        i = ids(ms)
        assert i["Perry"] == i["Matthew C. Perry"] != i["Oliver Hazard Perry"]
        assert i["Abe"] == i["Masahiro Abe"] == i["Abe Masahiro"]
        assert "person:abe-shinzo" not in i["Abe"]


def test_incidents_named_in_english_and_romanized():
    text = ('In Japan the appearance is remembered as the "Arrival of the Black Ships" (Kurofune raikō). '
            "The commission blamed the admiral for the North Sea incident. The Namamugi jiken followed in 1862. "
            "The Lockheed affair began in February; the Lockheed scandal reached Tokyo.")
    ms = run(text)
    assert names(ms, "INCIDENT") == ["Arrival of the Black Ships", "Kurofune raikō", "North Sea incident",
                                     "Namamugi jiken", "Lockheed affair", "Lockheed scandal"]
    i = ids(ms, "INCIDENT")
    assert i["Arrival of the Black Ships"] == i["Kurofune raikō"] and i["Lockheed affair"] == i["Lockheed scandal"]


def test_reversed_romaji_names_share_one_id():
    text = ("The young Yamada Torajirō raised money. Torajirō Yamada carried the funds to Istanbul. "
            "Vice Admiral Tōgō Heihachirō led the fleet; Heihachiro Togo died in 1934.")
    i = ids(run(text))
    assert i["Yamada Torajirō"] == i["Torajirō Yamada"] and i["Tōgō Heihachirō"] == i["Heihachiro Togo"]


# ---------------------------------------------------------------- session 7
@pytest.mark.parametrize("text,label,name", [
    ("Justice Minister Yoko Kamikawa told reporters that she had signed the orders.", "PERSON", "Yoko Kamikawa"),
    ("There the party met Barthélemy de Lesseps, a French traveller.", "PERSON", "Barthélemy de Lesseps"),
    ("In Irkutsk the naturalist Kirill Laxman took up their cause.", "PERSON", "Kirill Laxman"),
    ("The destroyers JDS Haruna and JDS Takatsuki opened fire.", "SHIP", "Takatsuki"),
    ("The LPG tanker Yuyo Maru No. 10 sank at 18:47.", "SHIP", "Yuyo Maru No. 10"),
])
def test_english_names_session7(text, label, name):
    assert name in names(run(text), label)


def test_a_real_name_and_a_later_name_are_one_person_and_a_city_is_none():
    ms = run("Shoko Asahara, whose real name was Chizuo Matsumoto, was 63. The cult used sarin in the city of "
             "Matsumoto in 1994. The youngest, Tsuda Ume (later Tsuda Umeko), was six.")
    got = ids(ms)
    assert got["Shoko Asahara"] == got["Chizuo Matsumoto"]
    assert got["Tsuda Ume"] == got["Tsuda Umeko"]
    assert "Matsumoto" not in names(ms, "PERSON")


def test_a_court_title_in_brackets_is_no_name():
    assert names(run("The ship carried Kimura Yoshitake (Settsu no Kami) and Katsu Kaishū."), "PERSON") == [
        "Kimura Yoshitake", "Katsu Kaishū"]


def test_a_vessel_word_among_the_first_words_of_an_apposition():
    assert "Ever Given" in names(run("Salvage teams on Monday freed the Ever Given, a 400-metre container ship."), "SHIP")


def test_a_number_before_or_after_a_maru_name_is_one_ship():
    got = ids(run("The No. 10 Yuyo Maru burned. The Yuyo Maru No. 10 sank."), "SHIP")
    assert got["No. 10 Yuyo Maru"] == got["Yuyo Maru No. 10"]
