# language: nl
Functionaliteit: Het financieel overzicht van de kwartaalrapportage
  Voor elke datum toont het grootboek per werkstroom het totaal begroot, het begrote en benutte
  bedrag van het jaar, het budget van het volgende jaar en de reservering, met de totalen. Elk cijfer
  volgt uit gebeurtenissen: totaal begroot = benut tot datum + budget volgend jaar + reservering +
  vrij (wat nog nergens voor is vastgelegd).

  Regel: Elke regel van het overzicht sluit

    Scenario: Een werkstroom met toewijzing, verschuiving, reservering en besteding
      Gegeven de overeenkomst "WRL-SOK" tussen de zes gemeenten
      En het programma "WRL" onder overeenkomst "WRL-SOK" van 2021-09-01 tot 2022-12-31 met mandaten "programmamanager:25000"
      En programma "WRL" heeft werkstroom "WS1" "Energiesysteem"
      En op 2021-10-05 is "200k" toegewezen aan "WS1" voor 2021
      En op 2021-10-05 is "400k" toegewezen aan "WS1" voor 2022
      En op 2021-10-06 is "100k" gereserveerd op "WS1" 2021 als "R1"
      En op 2021-11-30 is "70k" besteed op reservering "R1"
      Dan toont het financieel overzicht van "WRL" voor 2021 op 2021-12-31:
        | werkstroom | totaal begroot | begroot   | benut    | budget volgend jaar | reservering | vrij      |
        | WS1        | € 600.000      | € 200.000 | € 70.000 | € 400.000           | € 30.000    | € 100.000 |
        | totaal     | € 600.000      | € 200.000 | € 70.000 | € 400.000           | € 30.000    | € 100.000 |
      En sluit elke regel van het overzicht

  Regel: Het overzicht van de Q4-rapportage 2021 volgt uit de gebeurtenissen van de demo

    Scenario: De financiële tabel van de WRL-kwartaalrapportage Q4 2021
      Gegeven de demo van de Leidse regio is ingelezen
      Dan toont het financieel overzicht van "WRL" voor 2021 op 2021-12-31:
        | werkstroom | totaal begroot | begroot   | benut     | budget volgend jaar | reservering |
        | WS1        | € 600.000      | € 200.000 | € 70.000  | € 450.000           | € 80.000    |
        | WS2        | € 450.000      | € 155.000 | € 32.000  | € 150.000           | € 268.000   |
        | WS3        | € 350.000      | € 145.000 | € 30.000  | € 160.000           | € 160.000   |
        | WS4        | € 600.000      | € 215.000 | € 17.000  | € 300.000           | € 283.000   |
        | totaal     | € 2.000.000    | € 715.000 | € 149.000 | € 1.060.000         | € 791.000   |
      En sluit elke regel van het overzicht
      En meldt de status precies één probleem met de begroting: "Q4-2021-TOTAAL-BUDGET-VOLGEND-JAAR"
