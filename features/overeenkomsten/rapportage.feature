# language: nl
Functionaliteit: Rapportageplicht
  Een overeenkomst kan verplichten tot rapporteren, zoals de SOK en DVO van de WRL: de raden worden
  ten minste eens per kwartaal geïnformeerd. Dat betekent: in elk kalenderkwartaal na het kwartaal
  waarin de overeenkomst in werking trad, wordt ten minste één rapportage verstuurd (de rapportage
  over het vierde kwartaal van 2021 ging op 17 januari 2022 naar de raden). Een kwartaal dat
  voorbijging zonder rapportage is te laat, en `ledger status` meldt het.

  Achtergrond:
    Gegeven de gemeenten van de Leidse regio zijn geregistreerd
    En de overeenkomst "SOK" tussen "GM0546, GM0547" met kwartaalrapportage aan de raden is opgesteld
    En "SOK" is door alle partijen op 2021-10-05 ondertekend

  Scenario: De eerste rapportage is verschuldigd in het kwartaal na de inwerkingtreding
    Dan is op 2021-11-01 de volgende rapportage van "SOK" uiterlijk 2022-03-31 verschuldigd
    En is op 2021-11-01 geen rapportage van "SOK" te laat

  Scenario: Een verstuurde rapportage telt voor het kwartaal waarin zij is verstuurd
    Als over "SOK" op 2022-01-17 wordt gerapporteerd met kenmerk "doc:WRL-voortgangsrapportage-2021-Q4"
    Dan wordt dit aanvaard
    En is op 2022-02-01 de volgende rapportage van "SOK" uiterlijk 2022-06-30 verschuldigd

  Scenario: Een kwartaal zonder rapportage is te laat en de controle meldt het
    Gegeven over "SOK" is op 2022-01-17 gerapporteerd
    Dan is op 2022-08-01 de rapportage over "2022-Q2" van "SOK" te laat
    En is op 2022-08-01 de volgende rapportage van "SOK" uiterlijk 2022-09-30 verschuldigd
    En meldt de controle op 2022-08-01 dat "SOK" achterloopt met rapporteren

  Scenario: Wie op tijd rapporteert, hoort niets van de controle
    Gegeven over "SOK" is op 2022-01-17 gerapporteerd
    En over "SOK" is op 2022-04-20 gerapporteerd
    Dan is op 2022-08-01 geen rapportage van "SOK" te laat
    En meldt de controle op 2022-08-01 niets over "SOK"

  Scenario: Na het einde is geen rapportage meer verschuldigd
    Gegeven "SOK" is op 2022-03-31 beëindigd
    Dan is op 2022-08-01 geen rapportage van "SOK" meer verschuldigd
    En meldt de controle op 2022-08-01 niets over "SOK"

  Scenario: Een rapportage noemt wat er is verstuurd
    Als over "SOK" op 2022-01-17 wordt gerapporteerd zonder kenmerk
    Dan wordt dit geweigerd met "Een rapportage over overeenkomst SOK vraagt om een bron van wat is verzonden."
    En is er niets vastgelegd

  Scenario: Over een overeenkomst zonder rapportageplicht wordt geen rapportage vastgelegd
    Gegeven de overeenkomst "C" van soort "convenant" tussen "GM0546, GM0547" is opgesteld
    En "C" is door alle partijen op 2021-10-05 ondertekend
    Als over "C" op 2022-01-17 wordt gerapporteerd met kenmerk "doc:brief"
    Dan wordt dit geweigerd met "Overeenkomst C kent per 17 januari 2022 geen rapportageplicht."
    En is er niets vastgelegd

  Scenario: Over een concept wordt niet gerapporteerd
    Gegeven de overeenkomst "DVO" tussen "GM0546, GM0547" met kwartaalrapportage aan de raden is opgesteld
    Als over "DVO" op 2022-01-17 wordt gerapporteerd met kenmerk "doc:brief"
    Dan wordt dit geweigerd met "Er kan geen rapportage over overeenkomst DVO worden vastgelegd per 17 januari 2022: zij is nog een concept (GM0546, GM0547 hebben dan nog niet ondertekend)."
    En is er niets vastgelegd

  Scenario: Een onbekende rapportagefrequentie wordt geweigerd
    Als het secretariaat de overeenkomst "X" van soort "sok" tussen "GM0546, GM0547" opstelt met rapportage "wekelijks"
    Dan wordt dit geweigerd met "'wekelijks' is geen rapportagefrequentie."
    En is er niets vastgelegd
