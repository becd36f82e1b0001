# language: nl
Functionaliteit: Balansbeweringen: gedrukte cijfers tegen de eigen berekening
  Het secretariaat legt een cijfer vast zoals een rapportage het drukte (werkstroom of totaal,
  kolom, jaar, bedrag, document). Het grootboek rekent hetzelfde cijfer voor die datum uit en zegt
  of het klopt, met het verschil. Een bewering die niet klopt blijft in de status staan tot een
  latere bewering, budgetgebeurtenissen of een uitgelegde aanvaarding haar oplost.

  Achtergrond:
    Gegeven de overeenkomst "WRL-SOK" tussen de zes gemeenten
    En het programma "WRL" onder overeenkomst "WRL-SOK" van 2021-09-01 tot 2022-12-31
    En programma "WRL" heeft werkstroom "WS1" "Energiesysteem"
    En programma "WRL" heeft werkstroom "WS2" "Warmtetransitie"
    En op 2021-10-05 is "200k" toegewezen aan "WS1" voor 2021
    En op 2021-10-05 is "100k" toegewezen aan "WS2" voor 2021
    En op 2021-12-31 is "50k" gereserveerd op "WS1" 2021 als "R1"

  Regel: Een bewering die klopt wordt aanvaard en meldt geen probleem

    Scenario: Een gedrukt cijfer dat klopt
      Als het secretariaat vastlegt dat "Q4" voor "WS1" kolom "begroot" 2021 op 2021-12-31 "200k" drukte
      Dan klopt de bewering
      En meldt de status geen probleem

  Regel: Een bewering die niet klopt noemt het verschil en blijft in de status staan

    Scenario: Een gedrukt cijfer dat niet klopt
      Als het secretariaat vastlegt dat "Q4" voor "WS1" kolom "reservering" 2021 op 2021-12-31 "80k" drukte
      Dan klopt de bewering niet, met een verschil van "€ 30.000"
      En meldt de status "klopt niet: gedrukt € 80.000, het grootboek berekent € 50.000, een verschil van € 30.000"
      En toont het financieel overzicht de bewering als "fail"

    Scenario: Een gedrukt totaal dat niet de som van de gedrukte regels is
      Gegeven het secretariaat legde vast dat "Q4" voor "WS1" kolom "begroot" 2021 op 2021-12-31 "200k" drukte
      En het secretariaat legde vast dat "Q4" voor "WS2" kolom "begroot" 2021 op 2021-12-31 "100k" drukte
      Als het secretariaat vastlegt dat "Q4" voor het totaal kolom "begroot" 2021 op 2021-12-31 "200k" drukte
      Dan klopt de bewering niet, met een verschil van "-€ 100.000"
      En meldt de status "de regels in hetzelfde document tellen op tot € 300.000, dus het gedrukte totaal is niet de som van de regels"

    Scenario: Een onbekende kolom wordt geweigerd
      Als het secretariaat vastlegt dat "Q4" voor "WS1" kolom "uitgaven" 2021 op 2021-12-31 "80k" drukte
      Dan wordt dit geweigerd met "is geen kolom van de financiële tabel"
      En is er niets vastgelegd

  Regel: Een latere bewering van hetzelfde cijfer, budgetgebeurtenissen of een aanvaarding lossen een falende bewering op

    Scenario: Een latere bewering van hetzelfde cijfer vervangt de eerdere
      Gegeven het secretariaat legde vast dat "Q4" voor "WS1" kolom "reservering" 2021 op 2021-12-31 "80k" drukte
      Als het secretariaat vastlegt dat "Q4 erratum" voor "WS1" kolom "reservering" 2021 op 2021-12-31 "50k" drukte
      Dan klopt de bewering
      En meldt de status geen probleem

    Scenario: Budgetgebeurtenissen die het cijfer laten kloppen
      Gegeven het secretariaat legde vast dat "Q4" voor "WS1" kolom "reservering" 2021 op 2021-12-31 "80k" drukte
      Als het secretariaat op 2021-12-31 "30k" reserveert op "WS1" 2021 voor "Vergeten reservering"
      Dan meldt de status geen probleem

    Scenario: Een aanvaarding met uitleg
      Gegeven het secretariaat legde vast dat "Q4" voor "WS1" kolom "reservering" 2021 op 2021-12-31 "80k" drukte
      Als het secretariaat de laatste bewering aanvaardt met de uitleg "Drukfout in de rapportage"
      Dan wordt dit aanvaard
      En meldt de status geen probleem
      En toont het financieel overzicht de bewering als "accepted"

    Scenario: Een aanvaarding zonder uitleg wordt geweigerd
      Gegeven het secretariaat legde vast dat "Q4" voor "WS1" kolom "reservering" 2021 op 2021-12-31 "80k" drukte
      Als het secretariaat de laatste bewering aanvaardt zonder uitleg
      Dan wordt dit geweigerd met "vraagt om een uitleg"
      En is er niets vastgelegd

    Scenario: Een bewering die klopt valt niet te aanvaarden
      Gegeven het secretariaat legde vast dat "Q4" voor "WS1" kolom "begroot" 2021 op 2021-12-31 "200k" drukte
      Als het secretariaat de laatste bewering aanvaardt met de uitleg "Voor de zekerheid"
      Dan wordt dit geweigerd met "klopt; er valt niets te aanvaarden"
      En is er niets vastgelegd
