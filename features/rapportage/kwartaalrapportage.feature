# language: nl
Functionaliteit: De kwartaalrapportage voor de raden
  De raden worden elk kwartaal geïnformeerd over de voortgang en de besteding van het budget. Het
  grootboek maakt die rapportage uit de vastgelegde gebeurtenissen, voor elke datum en zoals het
  op elk moment bekend was, en kan later aantonen wat er is verstuurd en wat er sindsdien veranderde.

  Achtergrond:
    Gegeven het demogrootboek van de Leidse regio

  Scenario: De financiële tabel berekent de totalen zelf en noemt elk afwijkend gerapporteerd cijfer
    Als de kwartaalrapportage van "WRL" over "2021Q4" wordt gemaakt
    Dan is het totaal "Budget 2022" in de financiële tabel € 1.060.000
    En meldt de rapportage dat "Q4-2021-TOTAAL-BUDGET-VOLGEND-JAAR" niet klopt

  Scenario: Dezelfde rapportage voor dezelfde datum en hetzelfde moment is identiek
    Gegeven de kwartaalrapportage van "WRL" over "2021Q4" zoals het grootboek die nu kent
    Als daarna een factuur van 5000 euro met terugwerkende kracht op 31 december 2021 wordt geboekt
    Dan is de rapportage voor hetzelfde moment identiek aan die van toen
    Maar toont de rapportage zoals het grootboek het nu weet een benut totaal van € 154.000

  Scenario: Uitgeven legt de inhoud vast en vervult de rapportageverplichting
    Dan is de rapportage "WRL-2021Q4" uitgegeven aan de zes raden met inhoudshash en vingerafdruk
    En heeft de samenwerkingsovereenkomst "WRL-SOK" op 17 januari 2022 gerapporteerd
    En is de uitgegeven rapportage vandaag nog exact te reproduceren

  Scenario: Een rapportage wordt niet twee keer onder dezelfde sleutel uitgegeven
    Als de rapportage van "WRL" over "2021Q4" opnieuw wordt uitgegeven
    Dan wordt dit geweigerd met "is al uitgebracht"
    En is er niets vastgelegd

  Scenario: Na uitgifte toont het verschil een later geboekte factuur over het kwartaal
    Als daarna een factuur van 5000 euro met terugwerkende kracht op 31 december 2021 wordt geboekt
    Dan toont het verschil van "WRL-2021Q4" een met terugwerkende kracht geboekte gebeurtenis
    En toont het verschil het benut totaal van € 149.000 naar € 154.000
