# language: nl
Functionaliteit: De uitkomst van een besluit
  Niet elk voorstel wordt aangenomen: het kan worden verworpen, aangehouden of uitgesteld, een
  uitstel altijd met een voorwaarde (bijvoorbeeld "na verkiezingen"). Alleen een aangenomen besluit
  kan in werking zijn en gezag dragen.

  Achtergrond:
    Gegeven de gemeenten van de Leidse regio zijn geregistreerd

  Abstract Scenario: Een besluit dat niet is aangenomen, is niet in werking
    Gegeven de raad van "GM0546" heeft op 2022-02-10 besluit "R-1" genomen met uitkomst "<uitkomst>"
    Dan is besluit "R-1" op 2022-03-01 "<uitkomst>"

    Voorbeelden:
      | uitkomst    |
      | verworpen   |
      | aangehouden |

  Scenario: Een uitgesteld besluit noemt de voorwaarde waarop het wacht
    Gegeven de raad van "GM0546" heeft op 2022-02-10 besluit "R-1" genomen met uitkomst "uitgesteld" en voorwaarde "na verkiezingen"
    Dan is besluit "R-1" op 2022-03-01 "uitgesteld"
    En wacht besluit "R-1" op "na verkiezingen"

  Scenario: Uitstel zonder voorwaarde wordt geweigerd
    Als de raad van "GM0546" op 2022-02-10 besluit "R-1" neemt met uitkomst "uitgesteld"
    Dan wordt dit geweigerd met "Een uitgesteld besluit vraagt om zijn voorwaarde."
    En is er niets vastgelegd

  Scenario: Een aangenomen besluit wacht niet op een voorwaarde
    Als de raad van "GM0546" op 2022-02-10 besluit "R-1" neemt met uitkomst "aangenomen" en voorwaarde "na verkiezingen"
    Dan wordt dit geweigerd met "Een besluit dat aangenomen is, heeft geen voorwaarde."
    En is er niets vastgelegd

  Scenario: Een onbekende uitkomst wordt geweigerd
    Als de raad van "GM0546" op 2022-02-10 besluit "R-1" neemt met uitkomst "misschien"
    Dan wordt dit geweigerd met "'misschien' is geen uitkomst van een besluit."
    En is er niets vastgelegd

  Scenario: Een uitgesteld besluit kan geen gezag dragen
    Gegeven het college van "GM0546" heeft op 2021-10-01 besluit "BW-U" genomen met uitkomst "uitgesteld" en voorwaarde "na verkiezingen"
    En de overeenkomst "SOK" van soort "sok" tussen "GM0546, GM0547" is opgesteld
    Als "GM0546" "SOK" op 2021-10-05 ondertekent met besluit "BW-U"
    Dan wordt dit geweigerd met "Besluit BW-U van college:GM0546 kan per 5 oktober 2021 geen grondslag zijn voor de ondertekening van overeenkomst SOK door GM0546: het is uitgesteld (na verkiezingen)."
    En is er niets vastgelegd
