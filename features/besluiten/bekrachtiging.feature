# language: nl
Functionaliteit: Bekrachtiging van besluiten (mandaat)
  Een portefeuillehoudersoverleg (PHO) bereidt voor en stemt in, maar heeft geen eindmandaat: de
  deelnemers verantwoorden zich bij hun eigen college. Een besluit van het PHO blijft daarom
  voorgenomen tot het college van elke deelnemende gemeente het heeft bekrachtigd, en is in werking
  vanaf de laatste bekrachtiging. Een besluit van een raad of college heeft geen bekrachtiging nodig.
  Een verworpen of vervallen besluit wordt niet bekrachtigd. De regels: ledger/rules/decision.py.

  Achtergrond:
    Gegeven de gemeenten van de Leidse regio zijn geregistreerd
    En het PHO "WRL" heeft op 2021-12-09 besluit "PHO-1" genomen met deelnemers "GM0546, GM0547, GM0638"

  Scenario: Een PHO-besluit blijft voorgenomen tot elk deelnemend college het heeft bekrachtigd
    Als het college van "GM0546" besluit "PHO-1" op 2021-12-14 bekrachtigt
    En het college van "GM0547" besluit "PHO-1" op 2021-12-14 bekrachtigt
    Dan is besluit "PHO-1" op 2021-12-20 "voorgenomen"
    En ontbreekt op 2021-12-20 nog de bekrachtiging van "GM0638"

  Scenario: Na de laatste bekrachtiging is het PHO-besluit in werking
    Gegeven het college van "GM0546" heeft besluit "PHO-1" op 2021-12-14 bekrachtigd
    En het college van "GM0547" heeft besluit "PHO-1" op 2021-12-14 bekrachtigd
    Als het college van "GM0638" besluit "PHO-1" op 2022-01-11 bekrachtigt
    Dan wordt dit aanvaard
    En is besluit "PHO-1" op 2022-01-10 "voorgenomen"
    En is besluit "PHO-1" op 2022-01-11 "in werking"

  Scenario: Een college bekrachtigt met een eigen besluit
    Gegeven het college van "GM0546" heeft op 2021-12-14 besluit "BW-LEI" genomen
    Als het college van "GM0546" besluit "PHO-1" op 2021-12-14 bekrachtigt met besluit "BW-LEI"
    Dan wordt dit aanvaard

  Scenario: Bekrachtigen met het besluit van een ander college wordt geweigerd
    Gegeven het college van "GM0547" heeft op 2021-12-14 besluit "BW-LDD" genomen
    Als het college van "GM0546" besluit "PHO-1" op 2021-12-14 bekrachtigt met besluit "BW-LDD"
    Dan wordt dit geweigerd met "Besluit BW-LDD van college:GM0547 kan per 14 december 2021 geen grondslag zijn voor de bekrachtiging van PHO-1 door GM0546: het is geen besluit van GM0546 zelf."
    En is er niets vastgelegd

  Scenario: Een college dat niet deelneemt, kan niet bekrachtigen
    Als het college van "GM0626" besluit "PHO-1" op 2021-12-14 bekrachtigt
    Dan wordt dit geweigerd met "GM0626 neemt geen deel aan besluit PHO-1."
    En is er niets vastgelegd

  Scenario: Een college bekrachtigt één keer
    Gegeven het college van "GM0546" heeft besluit "PHO-1" op 2021-12-14 bekrachtigd
    Als het college van "GM0546" besluit "PHO-1" op 2021-12-15 bekrachtigt
    Dan wordt dit geweigerd met "Het college van GM0546 heeft besluit PHO-1 al bekrachtigd."
    En is er niets vastgelegd

  Scenario: Een bekrachtiging gaat niet vooraf aan het besluit
    Als het college van "GM0546" besluit "PHO-1" op 2021-12-01 bekrachtigt
    Dan wordt dit geweigerd met "Een bekrachtiging op 1 december 2021 kan niet voorafgaan aan het besluit van 9 december 2021."
    En is er niets vastgelegd

  Scenario: Een besluit van een college is in werking zonder bekrachtiging
    Gegeven het college van "GM0546" heeft op 2021-10-05 besluit "BW-1" genomen
    Dan is besluit "BW-1" op 2021-10-05 "in werking"
    Als het college van "GM0546" besluit "BW-1" op 2021-10-06 bekrachtigt
    Dan wordt dit geweigerd met "hoeft niet te worden bekrachtigd"
    En is er niets vastgelegd

  Scenario: Een PHO-besluit noemt zijn deelnemers
    Als het PHO "WRL" op 2021-12-09 besluit "PHO-2" neemt
    Dan wordt dit geweigerd met "Een besluit van het portefeuillehoudersoverleg vraagt om de deelnemende partijen."
    En is er niets vastgelegd

  Scenario: Een besluit van een college heeft geen deelnemers die bekrachtigen
    Als het college van "GM0546" op 2021-12-09 besluit "BW-2" neemt met deelnemers "GM0547"
    Dan wordt dit geweigerd met "heeft geen deelnemende partijen die het bekrachtigen"
    En is er niets vastgelegd

  Scenario: Een verworpen PHO-besluit wordt niet bekrachtigd
    Als het PHO "WRL" op 2021-12-09 besluit "PHO-3" neemt met deelnemers "GM0546, GM0547" met uitkomst "verworpen"
    En het college van "GM0546" besluit "PHO-3" op 2021-12-14 bekrachtigt
    Dan wordt dit geweigerd met "Besluit PHO-3 is verworpen; er valt niets te bekrachtigen."
    En is er niets vastgelegd

  Scenario: Een vervallen PHO-besluit wordt niet meer bekrachtigd
    Als het PHO "WRL" op 2021-12-09 besluit "PHO-3" neemt met deelnemers "GM0546, GM0547" en vervalt op 2022-01-01 wegens "alleen voor 2021"
    En het college van "GM0546" besluit "PHO-3" op 2022-01-05 bekrachtigt
    Dan wordt dit geweigerd met "Besluit PHO-3 is op 1 januari 2022 vervallen; het kan op 5 januari 2022 niet meer worden bekrachtigd."
    En is er niets vastgelegd
    En is besluit "PHO-3" op 2022-01-05 "vervallen"
