# language: nl
Functionaliteit: Reserveren, besteden en vrijgeven
  Een reservering legt een deel van het budget van een werkstroom in een jaar vast voor een doel.
  Daarna wordt zij geheel of deels besteed en wordt de rest vrijgegeven: een reservering wordt één
  keer afgewikkeld. Reserveringen en bestedingen samen gaan nooit boven wat er is toegewezen.

  Achtergrond:
    Gegeven de overeenkomst "WRL-SOK" tussen de zes gemeenten
    En het programma "WRL" onder overeenkomst "WRL-SOK" van 2021-09-01 tot 2022-12-31
    En programma "WRL" heeft werkstroom "WS1" "Energiesysteem"
    En op 2021-10-05 is "200k" toegewezen aan "WS1" voor 2021

  Regel: Een reservering krijgt een kenmerk en legt budget vast

    Scenario: Reserveren binnen de ruimte
      Als het secretariaat op 2021-10-06 "100k" reserveert op "WS1" 2021 voor "Interim programmateam"
      Dan wordt dit aanvaard
      En heeft de reservering het kenmerk "R1"
      En is de vrije ruimte van "WS1" 2021 op 2021-10-06 "€ 100.000"
      En is de reservering van "WS1" op 2021-10-06 "€ 100.000"

  Regel: Reserveringen en bestedingen samen gaan nooit boven de toewijzing

    Scenario: Meer reserveren dan er vrij is wordt geweigerd
      Gegeven op 2021-10-06 is "150k" gereserveerd op "WS1" 2021 als "R1"
      Als het secretariaat op 2021-10-07 "60k" reserveert op "WS1" 2021 voor "Studie"
      Dan wordt dit geweigerd met "zou de begrotingspost € 10.000 onder nul brengen"
      En is er niets vastgelegd

    Scenario: Reserveren in een jaar zonder toewijzing wordt geweigerd
      Als het secretariaat op 2021-10-06 "10k" reserveert op "WS1" 2022 voor "Studie"
      Dan wordt dit geweigerd met "begroting van € 0"
      En is er niets vastgelegd

  Regel: Een reservering wordt geheel of deels besteed; de rest wordt vrijgegeven

    Scenario: Deels besteden en de rest vrijgeven
      Gegeven op 2021-10-06 is "100k" gereserveerd op "WS1" 2021 als "R1"
      Als het secretariaat op 2021-10-29 "20k" besteedt op reservering "R1" met referentie "factuur:OM-107"
      En het secretariaat op 2021-11-30 "25k" besteedt op reservering "R1" met referentie "factuur:OM-133"
      En het secretariaat op 2021-12-31 reservering "R1" vrijgeeft
      Dan wordt dit aanvaard
      En is er "€ 55.000" vrijgegeven
      En is de benutting van "WS1" in 2021 op 2021-12-31 "€ 45.000"
      En is de reservering van "WS1" op 2021-12-31 "€ 0"
      En is de vrije ruimte van "WS1" 2021 op 2021-12-31 "€ 155.000"

    Scenario: Meer besteden dan er van de reservering over is wordt geweigerd
      Gegeven op 2021-10-06 is "100k" gereserveerd op "WS1" 2021 als "R1"
      En op 2021-10-29 is "80k" besteed op reservering "R1"
      Als het secretariaat op 2021-11-30 "30k" besteedt op reservering "R1" met referentie "factuur:OM-133"
      Dan wordt dit geweigerd met "resteert van reservering R1: € 20.000 van € 100.000"
      En is er niets vastgelegd

    Scenario: Besteden op een reservering van vóór die reservering wordt geweigerd
      Gegeven op 2021-10-06 is "100k" gereserveerd op "WS1" 2021 als "R1"
      Als het secretariaat op 2021-10-01 "10k" besteedt op reservering "R1" met referentie "factuur:OM-100"
      Dan wordt dit geweigerd met "die pas op 6 oktober 2021 is gemaakt"
      En is er niets vastgelegd

  Regel: Een reservering wordt één keer afgewikkeld

    Scenario: Na vrijgeven kan er niet meer op worden besteed
      Gegeven op 2021-10-06 is "100k" gereserveerd op "WS1" 2021 als "R1"
      En op 2021-12-31 is reservering "R1" vrijgegeven
      Als het secretariaat op 2021-12-31 "10k" besteedt op reservering "R1" met referentie "factuur:OM-150"
      Dan wordt dit geweigerd met "een reservering wordt maar één keer afgewikkeld"
      En is er niets vastgelegd

    Scenario: Twee keer vrijgeven wordt geweigerd
      Gegeven op 2021-10-06 is "100k" gereserveerd op "WS1" 2021 als "R1"
      En op 2021-12-31 is reservering "R1" vrijgegeven
      Als het secretariaat op 2022-01-05 reservering "R1" vrijgeeft
      Dan wordt dit geweigerd met "is op 31 december 2021 afgewikkeld"
      En is er niets vastgelegd

    Scenario: Een geheel bestede reservering is afgewikkeld
      Gegeven op 2021-10-06 is "100k" gereserveerd op "WS1" 2021 als "R1"
      En op 2021-11-30 is "100k" besteed op reservering "R1"
      Als het secretariaat op 2021-12-31 reservering "R1" vrijgeeft
      Dan wordt dit geweigerd met "volledig besteed"
      En is er niets vastgelegd

    Scenario: Vrijgeven vóór de laatste besteding wordt geweigerd
      Gegeven op 2021-10-06 is "100k" gereserveerd op "WS1" 2021 als "R1"
      En op 2021-11-30 is "20k" besteed op reservering "R1"
      Als het secretariaat op 2021-11-01 reservering "R1" vrijgeeft
      Dan wordt dit geweigerd met "de laatste besteding ten laste ervan is van 30 november 2021"
      En is er niets vastgelegd
