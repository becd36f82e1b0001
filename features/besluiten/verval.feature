# language: nl
Functionaliteit: Ingangsdatum en vervaldatum van besluiten
  Zoals een ZGW-besluit heeft een besluit een ingangsdatum (standaard de besluitdatum) en
  eventueel een vervaldatum met een vervalreden. Vóór de ingangsdatum is het nog niet in werking;
  vanaf de vervaldatum is het vervallen en kan het geen gezag meer dragen.

  Achtergrond:
    Gegeven de gemeenten van de Leidse regio zijn geregistreerd

  Scenario: Een besluit vervalt op zijn vervaldatum
    Gegeven het college van "GM0546" heeft op 2021-10-05 besluit "BW-T" genomen dat vervalt op 2021-12-31 wegens "tijdelijk"
    Dan is besluit "BW-T" op 2021-12-30 "in werking"
    En is besluit "BW-T" op 2021-12-31 "vervallen"

  Scenario: Een besluit met een latere ingangsdatum is tot dan nog niet in werking
    Gegeven het college van "GM0546" heeft op 2021-10-05 besluit "BW-L" genomen met ingangsdatum 2022-01-01
    Dan is besluit "BW-L" op 2021-12-31 "nog niet in werking"
    En is besluit "BW-L" op 2022-01-01 "in werking"

  Scenario: Een vervallen besluit kan geen gezag meer dragen
    Gegeven het college van "GM0546" heeft op 2021-09-01 besluit "BW-T" genomen dat vervalt op 2021-10-01 wegens "tijdelijke instemming"
    En de overeenkomst "SOK" van soort "sok" tussen "GM0546, GM0547" is opgesteld
    Als "GM0546" "SOK" op 2021-10-05 ondertekent met besluit "BW-T"
    Dan wordt dit geweigerd met "Besluit BW-T van college:GM0546 kan per 5 oktober 2021 geen grondslag zijn voor de ondertekening van overeenkomst SOK door GM0546: het is op 1 oktober 2021 vervallen (tijdelijke instemming)."
    En is er niets vastgelegd

  Scenario: Een vervaldatum vraagt een vervalreden
    Als het college van "GM0546" op 2021-10-05 besluit "BW-T" neemt dat vervalt op 2021-12-31
    Dan wordt dit geweigerd met "Een vervaldatum vraagt om een vervalreden."
    En is er niets vastgelegd

  Scenario: De vervaldatum ligt na de ingangsdatum
    Als het college van "GM0546" op 2021-10-05 besluit "BW-T" neemt dat vervalt op 2021-10-01 wegens "vergissing"
    Dan wordt dit geweigerd met "De vervaldatum 1 oktober 2021 ligt niet na de ingangsdatum 5 oktober 2021."
    En is er niets vastgelegd

  Scenario: De ingangsdatum ligt niet vóór de besluitdatum
    Als het college van "GM0546" op 2021-10-05 besluit "BW-T" neemt met ingangsdatum 2021-10-01
    Dan wordt dit geweigerd met "De ingangsdatum 1 oktober 2021 ligt vóór de besluitdatum 5 oktober 2021."
    En is er niets vastgelegd
