# language: nl
Functionaliteit: Budget toewijzen per werkstroom en jaar
  Het programma verdeelt zijn budget over werkstromen en jaren. Het totaal begroot van een
  werkstroom is wat haar over alle jaren is toegewezen. Bedragen worden gelezen zoals Nederlandse
  stukken ze drukken, en nooit geraden.

  Achtergrond:
    Gegeven de overeenkomst "WRL-SOK" tussen de zes gemeenten
    En het programma "WRL" onder overeenkomst "WRL-SOK" van 2021-09-01 tot 2022-12-31
    En programma "WRL" heeft werkstroom "WS1" "Energiesysteem"
    En programma "WRL" heeft werkstroom "WS2" "Warmtetransitie"

  Regel: Een toewijzing geldt voor een werkstroom in een jaar; totaal begroot telt alle jaren

    Scenario: WS1 krijgt budget voor 2021 en 2022
      Als het secretariaat op 2021-10-05 "200k" toewijst aan "WS1" voor 2021
      En het secretariaat op 2021-10-05 "400k" toewijst aan "WS1" voor 2022
      Dan toont het financieel overzicht van "WRL" voor 2021 op 2021-12-31:
        | werkstroom | totaal begroot | begroot | benut | budget volgend jaar | reservering |
        | WS1        | € 600.000      | € 200.000 | € 0 | € 400.000           | € 0         |
        | WS2        | € 0            | € 0     | € 0   | € 0                 | € 0         |
        | totaal     | € 600.000      | € 200.000 | € 0 | € 400.000           | € 0         |

    Scenario: Een toewijzing telt pas vanaf haar ingangsdatum
      Gegeven op 2021-10-05 is "200k" toegewezen aan "WS1" voor 2021
      Dan is de vrije ruimte van "WS1" 2021 op 2021-10-04 "€ 0"
      En is de vrije ruimte van "WS1" 2021 op 2021-10-05 "€ 200.000"

  Regel: Een toewijzing past binnen het programma

    Abstract Scenario: Een toewijzing buiten het programma wordt geweigerd
      Als het secretariaat op <datum> "<bedrag>" toewijst aan "<werkstroom>" voor <jaar>
      Dan wordt dit geweigerd met "<melding>"
      En is er niets vastgelegd

      Voorbeelden:
        | datum      | bedrag | werkstroom | jaar | melding                                   |
        | 2021-10-05 | 100k   | WS9        | 2021 | Programma WRL heeft geen werkstroom 'WS9' |
        | 2021-10-05 | 100k   | WS1        | 2023 | 2023 valt daarbuiten                      |
        | 2021-08-01 | 100k   | WS1        | 2021 | ligt vóór het begin van programma WRL     |

    Scenario: Een toewijzing op gezag van een ingetrokken besluit wordt geweigerd
      Gegeven besluit "PM-1" van "programmamanager:WRL" op 2021-09-15
      En besluit "PM-1" is ingetrokken op 2021-10-01
      Als het secretariaat op 2021-10-05 "200k" toewijst aan "WS1" voor 2021 op gezag van besluit "PM-1"
      Dan wordt dit geweigerd met "het is op 1 oktober 2021 ingetrokken"
      En is er niets vastgelegd

  Regel: Bedragen worden gelezen zoals stukken ze drukken; wat dubbelzinnig is wordt geweigerd

    Abstract Scenario: Schrijfwijzen van een bedrag
      Als het secretariaat op 2021-10-05 "<bedrag>" toewijst aan "WS1" voor 2021
      Dan is de vrije ruimte van "WS1" 2021 op 2021-10-05 "<gelezen>"

      Voorbeelden:
        | bedrag        | gelezen       |
        | 450000        | € 450.000     |
        | 450.000       | € 450.000     |
        | € 450.000,00  | € 450.000     |
        | 450k          | € 450.000     |
        | 1.500,50      | € 1.500,50    |

    Abstract Scenario: Een onleesbaar bedrag wordt geweigerd
      Als het secretariaat op 2021-10-05 "<bedrag>" toewijst aan "WS1" voor 2021
      Dan wordt dit geweigerd met "<melding>"
      En is er niets vastgelegd

      Voorbeelden:
        | bedrag       | melding                     |
        | 1,500        | op twee manieren te lezen   |
        | -5000        | is negatief                 |
        | € 1.000,005  | heeft fracties van een cent |
        | 0            | moet groter zijn dan nul    |
        | veel         | is geen bedrag              |
