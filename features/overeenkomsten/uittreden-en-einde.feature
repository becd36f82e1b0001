# language: nl
Functionaliteit: Uittreden en beëindigen
  Een partij kan uittreden vanaf een datum, op een besluit van haar eigen college; vanaf die datum
  is zij niet meer gebonden en betaalt zij niet meer. Een overeenkomst kan eindigen op een datum,
  op een besluit of (als zij volgens haar eigen bepalingen afloopt) met een reden; vanaf die datum
  is zij beëindigd.

  Achtergrond:
    Gegeven de gemeenten van de Leidse regio zijn geregistreerd
    En de overeenkomst "SOK" van soort "sok" tussen "GM0546, GM0547, GM0537" is opgesteld

  Scenario: Een partij die uittreedt, betaalt vanaf die datum niet meer
    Gegeven "SOK" is door alle partijen op 2021-10-05 ondertekend
    Als "GM0537" per 2022-01-01 uit "SOK" treedt met een besluit van het eigen college
    Dan wordt dit aanvaard
    En zijn op 2021-12-31 de partijen van "SOK": "GM0546, GM0547, GM0537"
    En zijn op 2022-01-01 de partijen van "SOK": "GM0546, GM0547"
    Als het secretariaat € 100 verdeelt over "SOK" op 2022-01-01
    Dan betaalt "GM0537" niets
    En betaalt "GM0546" € 50
    En is de som van de aandelen precies € 100

  Scenario: Uittreden rust op een besluit van het eigen college
    Gegeven "SOK" is door alle partijen op 2021-10-05 ondertekend
    En het college van "GM0546" heeft op 2021-12-01 besluit "BW-LEI" genomen
    Als "GM0537" per 2022-01-01 uit "SOK" treedt met besluit "BW-LEI"
    Dan wordt dit geweigerd met "Besluit BW-LEI van college:GM0546 kan per 1 januari 2022 geen grondslag zijn voor de uittreding van GM0537 uit overeenkomst SOK: het is geen besluit van GM0537 zelf."
    En is er niets vastgelegd

  Scenario: Uittreden uit een concept wordt geweigerd
    Gegeven "GM0537" heeft "SOK" op 2021-10-05 ondertekend
    Als "GM0537" per 2022-01-01 uit "SOK" treedt met een besluit van het eigen college
    Dan wordt dit geweigerd met "GM0537 kan niet uittreden uit overeenkomst SOK per 1 januari 2022: zij is nog een concept (GM0546, GM0547 hebben dan nog niet ondertekend)."
    En is er niets vastgelegd

  Scenario: Een partij treedt één keer uit
    Gegeven "SOK" is door alle partijen op 2021-10-05 ondertekend
    En "GM0537" is per 2022-01-01 uit "SOK" getreden
    Als "GM0537" per 2022-02-01 uit "SOK" treedt met een besluit van het eigen college
    Dan wordt dit geweigerd met "GM0537 is al op 1 januari 2022 uit overeenkomst SOK getreden."
    En is er niets vastgelegd

  Scenario: Een overeenkomst houdt ten minste twee partijen
    Gegeven "SOK" is door alle partijen op 2021-10-05 ondertekend
    En "GM0537" is per 2022-01-01 uit "SOK" getreden
    Als "GM0547" per 2022-02-01 uit "SOK" treedt met een besluit van het eigen college
    Dan wordt dit geweigerd met "GM0547 kan niet per 1 februari 2022 uittreden uit overeenkomst SOK: er zou 1 partij overblijven, en een overeenkomst bindt ten minste 2 partijen."
    En is er niets vastgelegd

  Scenario: Een beëindigde overeenkomst is beëindigd vanaf de einddatum en verdeelt geen kosten meer
    Gegeven "SOK" is door alle partijen op 2021-10-05 ondertekend
    Als "SOK" op 2022-12-31 wordt beëindigd met reden "looptijd verstreken"
    Dan wordt dit aanvaard
    En is de status van "SOK" op 2022-12-30 "in werking"
    En is de status van "SOK" op 2022-12-31 "beëindigd"
    Als het secretariaat € 100 verdeelt over "SOK" op 2023-01-01
    Dan wordt dit geweigerd met "Overeenkomst SOK verdeelt per 1 januari 2023 geen kosten: zij is op 31 december 2022 beëindigd."

  Scenario: Beëindigen op een besluit
    Gegeven "SOK" is door alle partijen op 2021-10-05 ondertekend
    En het PHO "WRL" heeft op 2022-11-01 besluit "PHO-E" genomen met deelnemers "GM0546, GM0547, GM0537"
    En het college van "GM0546" heeft besluit "PHO-E" op 2022-11-08 bekrachtigd
    En het college van "GM0547" heeft besluit "PHO-E" op 2022-11-08 bekrachtigd
    En het college van "GM0537" heeft besluit "PHO-E" op 2022-11-08 bekrachtigd
    Als "SOK" op 2022-12-31 wordt beëindigd op besluit "PHO-E"
    Dan wordt dit aanvaard
    En is de status van "SOK" op 2022-12-31 "beëindigd"

  Scenario: Beëindigen vraagt een besluit of een reden
    Gegeven "SOK" is door alle partijen op 2021-10-05 ondertekend
    Als "SOK" op 2022-12-31 wordt beëindigd zonder besluit of reden
    Dan wordt dit geweigerd met "Voor het beëindigen van overeenkomst SOK is een besluit of een reden nodig."
    En is er niets vastgelegd

  Scenario: Een overeenkomst eindigt één keer
    Gegeven "SOK" is door alle partijen op 2021-10-05 ondertekend
    En "SOK" is op 2022-12-31 beëindigd
    Als "SOK" op 2023-06-30 wordt beëindigd met reden "nogmaals"
    Dan wordt dit geweigerd met "Overeenkomst SOK is al op 31 december 2022 beëindigd."
    En is er niets vastgelegd

  Scenario: Na het einde wordt niet meer getekend of uitgetreden
    Gegeven "GM0546" heeft "SOK" op 2021-10-05 ondertekend
    En "SOK" is op 2021-12-31 beëindigd
    Als "GM0547" "SOK" op 2022-01-05 ondertekent met een besluit van het eigen college
    Dan wordt dit geweigerd met "Overeenkomst SOK is op 31 december 2021 beëindigd; zij kan op 5 januari 2022 niet meer worden ondertekend."
    En is er niets vastgelegd

  Scenario: Een overeenkomst eindigt niet vóór een latere uittreding
    Gegeven "SOK" is door alle partijen op 2021-10-05 ondertekend
    En "GM0537" is per 2022-06-01 uit "SOK" getreden
    Als "SOK" op 2022-03-01 wordt beëindigd met reden "vergissing"
    Dan wordt dit geweigerd met "Overeenkomst SOK kan niet eindigen op 1 maart 2022: GM0537 is later uitgetreden."
    En is er niets vastgelegd
