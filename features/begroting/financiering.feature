# language: nl
Functionaliteit: Financiering van het programma
  Het budget wordt gedragen door bijdragen van partijen (per partij een bedrag), door geld van het
  Rijk en door andere bronnen. De verdeelsleutel van de overeenkomst waaronder het programma loopt
  kan de bijdragen per partij berekenen; het grootboek legt de bedragen per partij vast, met de
  overeenkomst en de peildatum die zijn gebruikt. De SOK van de zes gemeenten verdeelt per inwoner
  op peildatum 2021-01-01 (CBS).

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
      Dan wordt dit geweigerd met "is het bedrag van elke partij nodig"
      En is er niets vastgelegd

    Scenario: Een bijdrage van een onbekende partij wordt geweigerd
      Als het secretariaat op 2021-10-05 bijdragen vastlegt van "GM0999:10000" voor 2021
      Dan wordt dit geweigerd met "Het grootboek kent geen partij 'GM0999'"
      En is er niets vastgelegd

    Scenario: Bijdragen die niet optellen tot het genoemde bedrag worden geweigerd
      Als het secretariaat op 2021-10-05 bijdragen vastlegt van "GM0546:120000, GM0547:30000" met totaal "200k"
      Dan wordt dit geweigerd met "De aandelen tellen op tot € 150.000, niet tot het bedrag € 200.000"
      En is er niets vastgelegd

  Regel: Geld van het Rijk en andere bronnen heeft een bedrag en een bron

    Scenario: Rijksbijdrage
      Als het secretariaat op 2021-10-05 "250k" financiering van soort "rijk" vastlegt uit "CDOKE"
      Dan wordt dit aanvaard
      En is de financiering van "WRL" "€ 250.000"

    Scenario: Een onbekende soort bron wordt geweigerd
      Als het secretariaat op 2021-10-05 "250k" financiering van soort "lening" vastlegt
      Dan wordt dit geweigerd met "is geen soort financieringsbron"
      En is er niets vastgelegd

  Regel: Bijdragen volgens de verdeelsleutel van de overeenkomst, tot op de cent
    Alleen partijen die op de datum aan de overeenkomst gebonden zijn betalen; de bijdragen tellen
    precies op tot het bedrag (grootste resten krijgen de overgebleven centen).

    Scenario: De zes gemeenten dragen € 2.000.000 bij naar inwonertal
      Gegeven de zes gemeenten hebben "WRL-SOK" op 2021-10-05 ondertekend
      Als het secretariaat op 2021-10-05 "2000000" financiering vastlegt volgens de verdeelsleutel van de overeenkomst
      Dan wordt dit aanvaard
      En is de financiering van "WRL" "€ 2.000.000"
      En draagt "GM0546" "€ 902.578,92" bij aan "WRL"
      En draagt "GM0547" "€ 198.838,48" bij aan "WRL"
      En draagt "GM0537" "€ 473.154,22" bij aan "WRL"
      En draagt "GM0579" "€ 179.489,39" bij aan "WRL"
      En draagt "GM0626" "€ 184.930,42" bij aan "WRL"
      En draagt "GM0638" "€ 61.008,57" bij aan "WRL"
      En tellen de bijdragen aan "WRL" precies op tot "€ 2.000.000"
      En noemt de financiering overeenkomst "WRL-SOK" en peildatum 2021-01-01

    Scenario: Een gemeente die is uitgetreden betaalt niet meer mee
      Gegeven de zes gemeenten hebben "WRL-SOK" op 2021-10-05 ondertekend
      En "GM0638" is op 2021-12-01 uitgetreden uit "WRL-SOK"
      Als het secretariaat op 2021-12-15 "€ 100.000" financiering vastlegt volgens de verdeelsleutel van de overeenkomst
      Dan wordt dit aanvaard
      En draagt "GM0638" niets bij aan "WRL"
      En draagt "GM0546" "€ 46.548,89" bij aan "WRL"
      En draagt "GM0626" "€ 9.537,45" bij aan "WRL"
      En tellen de bijdragen aan "WRL" precies op tot "€ 100.000"

    Scenario: Zolang de overeenkomst niet getekend is wordt er niets verdeeld
      Als het secretariaat op 2021-09-30 "2000000" financiering vastlegt volgens de verdeelsleutel van de overeenkomst
      Dan wordt dit geweigerd met "Programma WRL kan niet worden gefinancierd volgens de verdeelsleutel van overeenkomst WRL-SOK"
      En is er niets vastgelegd

    Scenario: Na het einde van de overeenkomst wordt er niets meer verdeeld
      Gegeven de zes gemeenten hebben "WRL-SOK" op 2021-10-05 ondertekend
      En overeenkomst "WRL-SOK" is op 2021-12-31 beëindigd
      Als het secretariaat op 2022-01-03 "100k" financiering vastlegt volgens de verdeelsleutel van de overeenkomst
      Dan wordt dit geweigerd met "kan niet worden gefinancierd volgens de verdeelsleutel van overeenkomst WRL-SOK"
      En is er niets vastgelegd
