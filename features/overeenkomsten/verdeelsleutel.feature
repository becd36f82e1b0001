# language: nl
Functionaliteit: Kostenverdeling volgens de verdeelsleutel, tot op de cent
  Elke overeenkomst heeft een verdeelsleutel: per inwoner (op een peildatum, met de vastgelegde
  inwonertallen), in gelijke delen, of in vaste percentages die samen precies 100 zijn. Alleen
  partijen die op de datum gebonden zijn (getekend en niet uitgetreden) betalen. De delen tellen
  precies op tot het bedrag: elk deel wordt naar beneden afgerond op de cent, en de overgebleven
  centen gaan één voor één naar de grootste resten, bij gelijke rest op volgorde van partijsleutel.

  Achtergrond:
    Gegeven de gemeenten van de Leidse regio zijn geregistreerd
    En de gemeenten van de Leidse regio hebben hun inwonertal op peildatum 2021-01-01

  Scenario: De SOK van de Leidse regio verdeelt per inwoner, tot op de cent
    Gegeven de overeenkomst "SOK" tussen "GM0546, GM0547, GM0537, GM0579, GM0626, GM0638" met verdeelsleutel per inwoner op peildatum 2021-01-01 is opgesteld
    En "SOK" is door alle partijen op 2021-10-05 ondertekend
    Als het secretariaat € 2.000.000 verdeelt over "SOK" op 2021-12-31
    Dan betaalt "GM0546" € 902.578,92
    En betaalt "GM0547" € 198.838,48
    En betaalt "GM0537" € 473.154,22
    En betaalt "GM0579" € 179.489,39
    En betaalt "GM0626" € 184.930,42
    En betaalt "GM0638" € 61.008,57
    En is de som van de aandelen precies € 2.000.000

  Scenario: De overgebleven cent gaat bij gelijke rest naar de laagste partijsleutel
    Gegeven de overeenkomst "C" van soort "convenant" tussen "GM0546, GM0547, GM0537" is opgesteld
    En "C" is door alle partijen op 2021-10-05 ondertekend
    Als het secretariaat € 100 verdeelt over "C" op 2021-12-31
    Dan betaalt "GM0537" € 33,34
    En betaalt "GM0546" € 33,33
    En betaalt "GM0547" € 33,33
    En is de som van de aandelen precies € 100

  Scenario: De overgebleven centen gaan naar de grootste resten
    Gegeven de overeenkomst "SOK" tussen "GM0547, GM0638" met verdeelsleutel per inwoner op peildatum 2021-01-01 is opgesteld
    En "SOK" is door alle partijen op 2021-10-05 ondertekend
    Als het secretariaat € 0,05 verdeelt over "SOK" op 2021-12-31
    Dan betaalt "GM0547" € 0,04
    En betaalt "GM0638" € 0,01
    En is de som van de aandelen precies € 0,05

  Scenario: Vaste percentages
    Als het secretariaat de overeenkomst "P" van soort "dvo" tussen "GM0546, GM0547" opstelt met percentages "GM0546=60, GM0547=40"
    En "GM0546" "P" op 2021-10-05 ondertekent met een besluit van het eigen college
    En "GM0547" "P" op 2021-10-05 ondertekent met een besluit van het eigen college
    En het secretariaat € 1.234,57 verdeelt over "P" op 2021-12-31
    Dan betaalt "GM0546" € 740,74
    En betaalt "GM0547" € 493,83

  Scenario: Percentages die niet precies 100 zijn, worden geweigerd
    Als het secretariaat de overeenkomst "P" van soort "dvo" tussen "GM0546, GM0547" opstelt met percentages "GM0546=60, GM0547=39.99"
    Dan wordt dit geweigerd met "De percentages tellen op tot 99,99, niet precies 100."
    En is er niets vastgelegd

  Scenario: Elke betalende partij heeft een percentage
    Als het secretariaat de overeenkomst "P" van soort "dvo" tussen "GM0546, GM0547" opstelt met percentages "GM0546=100"
    Dan wordt dit geweigerd met "GM0547 heeft geen percentage in de verdeelsleutel."
    En is er niets vastgelegd

  Scenario: Een verdeling per inwoner noemt haar peildatum
    Als het secretariaat de overeenkomst "P" van soort "dvo" tussen "GM0546, GM0547" opstelt met verdeelsleutel "per-inwoner"
    Dan wordt dit geweigerd met "Een verdeelsleutel per inwoner vraagt om de peildatum van de inwonertallen die hij gebruikt."
    En is er niets vastgelegd

  Scenario: Een onbekende verdeelsleutel wordt geweigerd
    Als het secretariaat de overeenkomst "P" van soort "dvo" tussen "GM0546, GM0547" opstelt met verdeelsleutel "naar draagkracht"
    Dan wordt dit geweigerd met "'naar draagkracht' is geen verdeelsleutel."
    En is er niets vastgelegd

  Scenario: Een betalende partij zonder inwonertal op de peildatum wordt genoemd
    Gegeven de overeenkomst "SOK" tussen "GM0546, GM0547" met verdeelsleutel per inwoner op peildatum 2022-01-01 is opgesteld
    En "SOK" is door alle partijen op 2021-10-05 ondertekend
    En "GM0546" telt 126000 inwoners op peildatum 2022-01-01
    Als het secretariaat € 1.000 verdeelt over "SOK" op 2022-03-01
    Dan wordt dit geweigerd met "De aandelen per inwoner van overeenkomst SOK kunnen niet worden berekend: van GM0547 is geen inwonertal vastgelegd voor peildatum 1 januari 2022."

  Scenario: Alleen de betalende partijen betalen
    Gegeven de provincie "Provincie Zuid-Holland" (ZH) is geregistreerd
    En de overeenkomst "CONV" tussen "GM0546, GM0547, ZH" met verdeelsleutel per inwoner op peildatum 2021-01-01 en betalers "GM0546, GM0547" is opgesteld
    En "CONV" is door alle partijen op 2021-10-05 ondertekend
    Als het secretariaat € 1.000 verdeelt over "CONV" op 2021-12-31
    Dan betaalt "ZH" niets
    En is de som van de aandelen precies € 1.000

  Scenario: Een concept verdeelt geen kosten
    Gegeven de overeenkomst "SOK" tussen "GM0546, GM0547" met verdeelsleutel per inwoner op peildatum 2021-01-01 is opgesteld
    En "GM0546" heeft "SOK" op 2021-10-05 ondertekend
    Als het secretariaat € 1.000 verdeelt over "SOK" op 2021-12-31
    Dan wordt dit geweigerd met "Overeenkomst SOK verdeelt per 31 december 2021 geen kosten: zij is nog een concept (GM0547 heeft dan nog niet ondertekend)."
