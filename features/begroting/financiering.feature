# language: nl
Functionaliteit: Financiering van het programma
  Het budget wordt gedragen door bijdragen van partijen (per partij een bedrag), door geld van het
  Rijk en door andere bronnen. Een verdeelsleutel uit de overeenkomst kan de bijdragen per partij
  berekenen; het grootboek legt de bedragen per partij vast.

  Achtergrond:
    Gegeven de overeenkomst "WRL-SOK" tussen de zes gemeenten
    En het programma "WRL" onder overeenkomst "WRL-SOK" van 2021-09-01 tot 2022-12-31
    En programma "WRL" heeft werkstroom "WS1" "Energiesysteem"

  Regel: Bijdragen van gemeenten worden per partij vastgelegd

    Scenario: Twee gemeenten dragen bij
      Als het secretariaat op 2021-10-05 bijdragen vastlegt van "GM0546:120000, GM0547:30000" voor 2021
      Dan wordt dit aanvaard
      En is de financiering van "WRL" "€ 150.000"
      En draagt "GM0546" "€ 120.000" bij aan "WRL"

    Scenario: Bijdragen van gemeenten zonder bedrag per partij worden geweigerd
      Als het secretariaat op 2021-10-05 "150k" financiering van soort "gemeenten" vastlegt
      Dan wordt dit geweigerd met "need the amount of each party"
      En is er niets vastgelegd

    Scenario: Een bijdrage van een onbekende partij wordt geweigerd
      Als het secretariaat op 2021-10-05 bijdragen vastlegt van "GM0999:10000" voor 2021
      Dan wordt dit geweigerd met "There is no party 'GM0999'"
      En is er niets vastgelegd

    Scenario: Bijdragen die niet optellen tot het genoemde bedrag worden geweigerd
      Als het secretariaat op 2021-10-05 bijdragen vastlegt van "GM0546:120000, GM0547:30000" met totaal "200k"
      Dan wordt dit geweigerd met "The shares add up to € 150.000, not to the amount € 200.000"
      En is er niets vastgelegd

  Regel: Geld van het Rijk en andere bronnen heeft een bedrag en een bron

    Scenario: Rijksbijdrage
      Als het secretariaat op 2021-10-05 "250k" financiering van soort "rijk" vastlegt uit "CDOKE"
      Dan wordt dit aanvaard
      En is de financiering van "WRL" "€ 250.000"

    Scenario: Een onbekende soort bron wordt geweigerd
      Als het secretariaat op 2021-10-05 "250k" financiering van soort "lening" vastlegt
      Dan wordt dit geweigerd met "is not a kind of funding source"
      En is er niets vastgelegd
