# language: nl
Functionaliteit: Een overeenkomst wijzigen
  Een overeenkomst in werking kan worden gewijzigd. Elke wijziging heeft haar eigen ingangsdatum
  en rust op een besluit dat op die datum in werking is; vóór de ingangsdatum geldt de
  overeenkomst zoals zij was.

  Achtergrond:
    Gegeven de gemeenten van de Leidse regio zijn geregistreerd
    En de overeenkomst "SOK" van soort "sok" tussen "GM0546, GM0547" is opgesteld
    En "SOK" is door alle partijen op 2021-10-05 ondertekend
    En het PHO "WRL" heeft op 2022-05-10 besluit "PHO-W" genomen met deelnemers "GM0546, GM0547"
    En het college van "GM0546" heeft besluit "PHO-W" op 2022-05-17 bekrachtigd
    En het college van "GM0547" heeft besluit "PHO-W" op 2022-05-17 bekrachtigd

  Scenario: Een wijziging van de verdeelsleutel geldt vanaf haar ingangsdatum
    Als "SOK" per 2022-07-01 wordt gewijzigd naar verdeelsleutel "GM0546=75, GM0547=25" op besluit "PHO-W"
    Dan wordt dit aanvaard
    Als het secretariaat € 1.000 verdeelt over "SOK" op 2022-06-30
    Dan betaalt "GM0546" € 500
    Als het secretariaat € 1.000 verdeelt over "SOK" op 2022-07-01
    Dan betaalt "GM0546" € 750
    En betaalt "GM0547" € 250

  Scenario: Een wijziging zonder besluit wordt geweigerd
    Als "SOK" per 2022-07-01 wordt gewijzigd zonder besluit
    Dan wordt dit geweigerd met "The amendment of agreement SOK needs a decision as authority."
    En is er niets vastgelegd

  Scenario: Een wijziging vóór het besluit in werking is, wordt geweigerd
    Als "SOK" per 2022-05-16 wordt gewijzigd op besluit "PHO-W"
    Dan wordt dit geweigerd met "Decision PHO-W of pho:WRL cannot serve as authority for the amendment of agreement SOK on 2022-05-16: it is still voorgenomen: the colleges of GM0546 and GM0547 have not ratified it."
    En is er niets vastgelegd

  Scenario: Een concept kan niet worden gewijzigd
    Gegeven de overeenkomst "DVO" van soort "dvo" tussen "GM0546, GM0547" is opgesteld
    Als "DVO" per 2022-07-01 wordt gewijzigd op besluit "PHO-W"
    Dan wordt dit geweigerd met "Agreement DVO cannot be amended on 2022-07-01: it is still a concept (GM0546, GM0547 have not signed by then)."
    En is er niets vastgelegd

  Scenario: Na het einde kan een overeenkomst niet meer worden gewijzigd
    Gegeven "SOK" is op 2022-06-30 beëindigd
    Als "SOK" per 2022-07-01 wordt gewijzigd op besluit "PHO-W"
    Dan wordt dit geweigerd met "Agreement SOK cannot be amended on 2022-07-01: it ended on 2022-06-30."
    En is er niets vastgelegd

  Scenario: Een verdeelsleutel in percentages telt op tot precies 100
    Als "SOK" per 2022-07-01 wordt gewijzigd naar verdeelsleutel "GM0546=75, GM0547=24.9" op besluit "PHO-W"
    Dan wordt dit geweigerd met "The percentages add up to 99.9, not exactly 100."
    En is er niets vastgelegd
