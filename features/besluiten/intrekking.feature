# language: nl
Functionaliteit: Intrekking van besluiten
  Een besluit wordt nooit gewist: het wordt ingetrokken, op een datum en met een reden. Vanaf die
  datum is het ingetrokken en kan het geen gezag meer dragen; wat eerder op het besluit rustte,
  blijft staan.

  Achtergrond:
    Gegeven de gemeenten van de Leidse regio zijn geregistreerd
    En het college van "GM0546" heeft op 2021-10-05 besluit "BW-1" genomen

  Scenario: Een besluit is ingetrokken vanaf de datum van intrekking
    Als besluit "BW-1" op 2022-03-01 wordt ingetrokken met reden "vervangen door een nieuw besluit"
    Dan wordt dit aanvaard
    En is besluit "BW-1" op 2022-02-28 "in werking"
    En is besluit "BW-1" op 2022-03-01 "ingetrokken"

  Scenario: Een ingetrokken besluit kan geen gezag meer dragen
    Gegeven de overeenkomst "SOK" van soort "sok" tussen "GM0546, GM0547" is opgesteld
    En besluit "BW-1" is op 2021-10-06 ingetrokken
    Als "GM0546" "SOK" op 2021-10-07 ondertekent met besluit "BW-1"
    Dan wordt dit geweigerd met "Besluit BW-1 van college:GM0546 kan per 7 oktober 2021 geen grondslag zijn voor de ondertekening van overeenkomst SOK door GM0546: het is op 6 oktober 2021 ingetrokken."
    En is er niets vastgelegd

  Scenario: Wat vóór de intrekking op het besluit rustte, blijft staan
    Gegeven de overeenkomst "SOK" van soort "sok" tussen "GM0546, GM0547" is opgesteld
    En "GM0547" heeft "SOK" op 2021-10-05 ondertekend
    Als "GM0546" "SOK" op 2021-10-05 ondertekent met besluit "BW-1"
    En besluit "BW-1" op 2022-03-01 wordt ingetrokken met reden "nieuw college"
    Dan is de status van "SOK" op 2022-03-02 "in werking"

  Scenario: Intrekken vraagt een reden
    Als besluit "BW-1" op 2022-03-01 wordt ingetrokken zonder reden
    Dan wordt dit geweigerd met "Voor het intrekken van besluit BW-1 is een reden nodig."
    En is er niets vastgelegd

  Scenario: Een besluit wordt één keer ingetrokken
    Gegeven besluit "BW-1" is op 2022-03-01 ingetrokken
    Als besluit "BW-1" op 2022-04-01 wordt ingetrokken met reden "nogmaals"
    Dan wordt dit geweigerd met "Besluit BW-1 is al op 1 maart 2022 ingetrokken."
    En is er niets vastgelegd

  Scenario: Een intrekking gaat niet vooraf aan het besluit
    Als besluit "BW-1" op 2021-10-01 wordt ingetrokken met reden "vergissing"
    Dan wordt dit geweigerd met "Een intrekking op 1 oktober 2021 kan niet voorafgaan aan het besluit van 5 oktober 2021."
    En is er niets vastgelegd
