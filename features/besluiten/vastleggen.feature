# language: nl
Functionaliteit: Een besluit vastleggen
  Een besluit wordt vastgelegd met de velden van een ZGW-besluit: identificatie, bestuursorgaan,
  besluittype, datum, ingangsdatum, vervaldatum en vervalreden, publicatiedatum en toelichting.
  Het bestuursorgaan is een orgaan dat de ledger kent; de raad of het college van een partij
  bestaat alleen als die partij is geregistreerd.

  Achtergrond:
    Gegeven de gemeenten van de Leidse regio zijn geregistreerd

  Scenario: Een besluit krijgt de velden van een ZGW-besluit
    Als het secretariaat besluit "BW-2021-10-05" van orgaan "college:gm0546" op 2021-10-05 vastlegt als "instemming", gepubliceerd op 2021-10-12
    Dan wordt dit aanvaard
    En heeft besluit "BW-2021-10-05" bestuursorgaan "college:GM0546", besluittype "instemming", ingangsdatum 2021-10-05 en publicatiedatum 2021-10-12

  Scenario: Een onbekend bestuursorgaan wordt geweigerd
    Als het secretariaat besluit "X-1" van orgaan "gemeentebestuur:GM0546" op 2021-10-05 vastlegt
    Dan wordt dit geweigerd met "'gemeentebestuur:GM0546' is geen bestuursorgaan dat het grootboek kent."
    En is er niets vastgelegd

  Scenario: Het college van een onbekende partij neemt geen besluit
    Als het secretariaat besluit "X-1" van orgaan "college:GM9999" op 2021-10-05 vastlegt
    Dan wordt dit geweigerd met "Het grootboek kent geen partij 'GM9999'."
    En is er niets vastgelegd

  Scenario: Een deelnemer van een PHO-besluit is een geregistreerde partij
    Als het PHO "WRL" op 2021-12-09 besluit "PHO-1" neemt met deelnemers "GM0546, GM9999"
    Dan wordt dit geweigerd met "Het grootboek kent geen partij 'GM9999'."
    En is er niets vastgelegd

  Scenario: Een identificatie wordt één keer gebruikt
    Gegeven het college van "GM0546" heeft op 2021-10-05 besluit "BW-1" genomen
    Als het secretariaat besluit "BW-1" van orgaan "college:GM0547" op 2021-10-05 vastlegt
    Dan wordt dit geweigerd met "Besluit BW-1 is al vastgelegd."
    En is er niets vastgelegd

  Scenario: Een verwijzing naar een besluit noemt een besluit dat de ledger kent
    Als het secretariaat besluit "BW-2" van orgaan "college:GM0546" op 2021-10-05 vastlegt met verwijzing "besluit:BW-0"
    Dan wordt dit geweigerd met "De bron besluit:BW-0 noemt geen besluit in het grootboek."
    En is er niets vastgelegd
