# language: nl
Functionaliteit: Besteden (benut)
  Elke besteding noemt haar grondslag: een factuur, een opdracht of een besluit. Een budgetregel
  (een werkstroom in een jaar) komt nooit onder nul, ook niet op een latere datum wanneer een
  besteding met terugwerkende kracht wordt vastgelegd.

  Achtergrond:
    Gegeven de overeenkomst "WRL-SOK" tussen de zes gemeenten
    En het programma "WRL" onder overeenkomst "WRL-SOK" van 2021-09-01 tot 2022-12-31
    En programma "WRL" heeft werkstroom "WS1" "Energiesysteem"
    En op 2021-10-05 is "100k" toegewezen aan "WS1" voor 2021

  Regel: Een besteding noemt een factuur, opdracht of besluit

    Scenario: Direct besteden op een werkstroom
      Als het secretariaat op 2021-11-15 "14k" besteedt op "WS1" met referentie "factuur:OM-2021-0121"
      Dan wordt dit aanvaard
      En is de benutting van "WS1" in 2021 op 2021-12-31 "€ 14.000"
      En is de vrije ruimte van "WS1" 2021 op 2021-12-31 "€ 86.000"

    Abstract Scenario: Een besteding zonder geldige grondslag wordt geweigerd
      Als het secretariaat op 2021-11-15 "14k" besteedt op "WS1" met referentie "<referentie>"
      Dan wordt dit geweigerd met "<melding>"
      En is er niets vastgelegd

      Voorbeelden:
        | referentie       | melding                               |
        |                  | is een bron nodig                     |
        | besluit:ONBEKEND | noemt geen besluit in het grootboek   |
        | bon 17           | is geen bron die het grootboek begrijpt |

  Regel: Een budgetregel komt nooit onder nul

    Scenario: Meer besteden dan er vrij is wordt geweigerd
      Gegeven op 2021-10-06 is "80k" gereserveerd op "WS1" 2021 als "R1"
      Als het secretariaat op 2021-11-15 "30k" besteedt op "WS1" met referentie "factuur:X-1"
      Dan wordt dit geweigerd met "zou de begrotingspost € 10.000 onder nul brengen"
      En is er niets vastgelegd

  Regel: Met terugwerkende kracht geldt de regel op elke datum vanaf de ingangsdatum

    Scenario: Een besteding die op haar datum past maar later de regel breekt wordt geweigerd
      Gegeven op 2021-11-20 is "80k" gereserveerd op "WS1" 2021 als "R1"
      Als het secretariaat op 2021-10-10 "30k" besteedt op "WS1" met referentie "factuur:X-1"
      Dan wordt dit geweigerd met "€ 10.000 onder nul brengen (op 20 november 2021"
      En is er niets vastgelegd

    Scenario: Een besteding met terugwerkende kracht die overal past wordt aanvaard
      Gegeven op 2021-11-20 is "80k" gereserveerd op "WS1" 2021 als "R1"
      Als het secretariaat op 2021-10-10 "20k" besteedt op "WS1" met referentie "factuur:X-1"
      Dan wordt dit aanvaard
      En is de vrije ruimte van "WS1" 2021 op 2021-10-31 "€ 80.000"
      En is de vrije ruimte van "WS1" 2021 op 2021-12-31 "€ 0"
