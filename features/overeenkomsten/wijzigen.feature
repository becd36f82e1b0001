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
    Dan wordt dit geweigerd met "Voor de wijziging van overeenkomst SOK is een besluit als grondslag nodig."
    En is er niets vastgelegd

  Scenario: Een wijziging vóór het besluit in werking is, wordt geweigerd
    Als "SOK" per 2022-05-16 wordt gewijzigd op besluit "PHO-W"
    Dan wordt dit geweigerd met "Besluit PHO-W van pho:WRL kan per 16 mei 2022 geen grondslag zijn voor de wijziging van overeenkomst SOK: het is nog voorgenomen: de colleges van GM0546 en GM0547 hebben het niet bekrachtigd."
    En is er niets vastgelegd

  Scenario: Een concept kan niet worden gewijzigd
    Gegeven de overeenkomst "DVO" van soort "dvo" tussen "GM0546, GM0547" is opgesteld
    Als "DVO" per 2022-07-01 wordt gewijzigd op besluit "PHO-W"
    Dan wordt dit geweigerd met "Overeenkomst DVO kan niet worden gewijzigd per 1 juli 2022: zij is nog een concept (GM0546, GM0547 hebben dan nog niet ondertekend)."
    En is er niets vastgelegd

  Scenario: Na het einde kan een overeenkomst niet meer worden gewijzigd
    Gegeven "SOK" is op 2022-06-30 beëindigd
    Als "SOK" per 2022-07-01 wordt gewijzigd op besluit "PHO-W"
    Dan wordt dit geweigerd met "Overeenkomst SOK kan niet worden gewijzigd per 1 juli 2022: zij is op 30 juni 2022 beëindigd."
    En is er niets vastgelegd

  Scenario: Een verdeelsleutel in percentages telt op tot precies 100
    Als "SOK" per 2022-07-01 wordt gewijzigd naar verdeelsleutel "GM0546=75, GM0547=24.9" op besluit "PHO-W"
    Dan wordt dit geweigerd met "De percentages tellen op tot 99,9, niet precies 100."
    En is er niets vastgelegd
