# language: nl
Functionaliteit: Onderwerpen van een werkstroom
  Per onderwerp toont de kwartaalrapportage het beoogde resultaat, de status, het plan en de
  vervolgstappen. Elke wijziging is een eigen gebeurtenis met een ingangsdatum, wie haar vastlegde
  en op welk gezag; de hele geschiedenis blijft bewaard. Een onderwerp kan afhangen van een ander
  onderwerp of van een besluit.

  Achtergrond:
    Gegeven de overeenkomst "WRL-SOK" tussen de zes gemeenten
    En het programma "WRL" onder overeenkomst "WRL-SOK"
    En programma "WRL" heeft werkstroom "WS1" "Energiesysteem"
    En programma "WRL" heeft werkstroom "WS2" "Warmtetransitie"

  Regel: Een onderwerp heeft de vier velden van de rapportage

    Scenario: Een onderwerp met resultaat, status, plan en vervolgstappen
      Als het secretariaat op 2021-10-05 onderwerp "routekaart" "WLR routekaart" toevoegt aan "WRL/WS1" met:
        | resultaat      | Plan realisatie ORES           |
        | status         | In uitvoering                  |
        | plan           | Besluitvorming na verkiezingen |
        | vervolgstappen | Nieuwe raden en colleges       |
      Dan wordt dit aanvaard
      En heeft onderwerp "WRL/WS1/routekaart" op 2021-12-31 de status "In uitvoering"
      En heeft onderwerp "WRL/WS1/routekaart" op 2021-12-31 het plan "Besluitvorming na verkiezingen"

    Scenario: Een onderwerp in een onbekende werkstroom wordt geweigerd
      Als het secretariaat op 2021-10-05 onderwerp "x" "Iets" toevoegt aan "WRL/WS9"
      Dan wordt dit geweigerd met "Programma WRL heeft geen werkstroom 'WS9'"
      En is er niets vastgelegd

    Scenario: Hetzelfde onderwerp twee keer toevoegen wordt geweigerd
      Gegeven onderwerp "routekaart" "WLR routekaart" in "WRL/WS1" sinds 2021-10-05
      Als het secretariaat op 2021-10-05 onderwerp "routekaart" "WLR routekaart" toevoegt aan "WRL/WS1"
      Dan wordt dit geweigerd met "Onderwerp WRL/WS1/routekaart bestaat al"
      En is er niets vastgelegd

  Regel: Elke wijziging is een gebeurtenis met ingangsdatum, actor en gezag, en de geschiedenis blijft

    Scenario: Een statuswijziging komt bij in de audit trail
      Gegeven onderwerp "routekaart" "WLR routekaart" in "WRL/WS1" sinds 2021-10-05
      Als "programmamanager" op 2021-12-31 de status van "WRL/WS1/routekaart" wijzigt in "In uitvoering" met referentie "doc:Q4-2021"
      Dan wordt dit aanvaard
      En telt de audit trail van "topic:WRL/WS1/routekaart" 2 gebeurtenissen
      En is de laatste gebeurtenis in die trail vastgelegd door "programmamanager" met ingangsdatum 2021-12-31 en referentie "doc:Q4-2021"

    Scenario: De stand op een eerdere datum toont de eerdere status
      Gegeven onderwerp "routekaart" "WLR routekaart" in "WRL/WS1" sinds 2021-10-05 met status "Te doen"
      Als "programmamanager" op 2021-12-31 de status van "WRL/WS1/routekaart" wijzigt in "In uitvoering"
      Dan heeft onderwerp "WRL/WS1/routekaart" op 2021-11-30 de status "Te doen"
      En heeft onderwerp "WRL/WS1/routekaart" op 2021-12-31 de status "In uitvoering"

    Scenario: Een wijziging met terugwerkende kracht geldt vanaf haar ingangsdatum
      Gegeven onderwerp "routekaart" "WLR routekaart" in "WRL/WS1" sinds 2021-10-05 met status "Te doen"
      En "programmamanager" heeft op 2021-12-31 de status van "WRL/WS1/routekaart" gewijzigd in "In uitvoering"
      Als "programmamanager" op 2021-11-15 de status van "WRL/WS1/routekaart" wijzigt in "Gestart"
      Dan heeft onderwerp "WRL/WS1/routekaart" op 2021-11-30 de status "Gestart"
      En heeft onderwerp "WRL/WS1/routekaart" op 2021-12-31 de status "In uitvoering"

    Scenario: Een wijziging die niets verandert wordt geweigerd
      Gegeven onderwerp "routekaart" "WLR routekaart" in "WRL/WS1" sinds 2021-10-05 met status "Te doen"
      Als "programmamanager" op 2021-12-31 de status van "WRL/WS1/routekaart" wijzigt in "Te doen"
      Dan wordt dit geweigerd met "verandert niets"
      En is er niets vastgelegd

    Scenario: Een wijziging van vóór het onderwerp wordt geweigerd
      Gegeven onderwerp "routekaart" "WLR routekaart" in "WRL/WS1" sinds 2021-10-05
      Als "programmamanager" op 2021-10-01 de status van "WRL/WS1/routekaart" wijzigt in "Gestart"
      Dan wordt dit geweigerd met "kan niet voorafgaan aan het onderwerp zelf"
      En is er niets vastgelegd

    Scenario: Een wijziging op gezag van een besluit dat nog niet in werking is wordt geweigerd
      Gegeven onderwerp "routekaart" "WLR routekaart" in "WRL/WS1" sinds 2021-10-05
      En het PHO-besluit "PHO-R1" van 2021-12-09 met deelnemers "GM0546"
      Als "programmamanager" op 2021-12-31 de status van "WRL/WS1/routekaart" wijzigt in "Vastgesteld" op gezag van besluit "PHO-R1"
      Dan wordt dit geweigerd met "het is nog voorgenomen"
      En is er niets vastgelegd

  Regel: Een onderwerp kan afhangen van een ander onderwerp of van een besluit

    Scenario: Afhankelijk van een ander onderwerp
      Gegeven onderwerp "overleg-wlq" "Overleg Gasunie en Vattenfall WLQ+" in "WRL/WS2" sinds 2021-10-05 met status "Intensief overleg"
      En onderwerp "sok-gasunie" "SOK Gasunie tracé WLQ+" in "WRL/WS2" sinds 2021-10-05
      Als "programmamanager" op 2021-12-31 onderwerp "WRL/WS2/sok-gasunie" afhankelijk maakt van "topic:WS2/overleg-wlq"
      Dan wordt dit aanvaard
      En hangt onderwerp "WRL/WS2/sok-gasunie" af van "topic:WRL/WS2/overleg-wlq" met status "Intensief overleg"

    Scenario: Afhankelijk van een besluit
      Gegeven onderwerp "routekaart" "WLR routekaart" in "WRL/WS1" sinds 2021-10-05
      En het PHO-besluit "PHO-R1" van 2021-12-09 met deelnemers "GM0546"
      Als "programmamanager" op 2021-12-31 onderwerp "WRL/WS1/routekaart" afhankelijk maakt van "besluit:PHO-R1"
      Dan wordt dit aanvaard
      En hangt onderwerp "WRL/WS1/routekaart" af van "besluit:PHO-R1" met status "voorgenomen"

    Scenario: Een afhankelijkheid die niet meer geldt vervalt, en blijft in de geschiedenis
      Gegeven onderwerp "overleg-wlq" "Overleg WLQ+" in "WRL/WS2" sinds 2021-10-05
      En onderwerp "sok-gasunie" "SOK Gasunie tracé WLQ+" in "WRL/WS2" sinds 2021-10-05 afhankelijk van "topic:WS2/overleg-wlq"
      Als "programmamanager" op 2022-03-01 de afhankelijkheid van "WRL/WS2/sok-gasunie" van "topic:WS2/overleg-wlq" laat vervallen
      Dan wordt dit aanvaard
      En hangt onderwerp "WRL/WS2/sok-gasunie" op 2022-03-01 van niets af
      En hangt onderwerp "WRL/WS2/sok-gasunie" op 2021-12-31 af van "topic:WRL/WS2/overleg-wlq"

    Abstract Scenario: Een afhankelijkheid van iets onbekends of van zichzelf wordt geweigerd
      Gegeven onderwerp "routekaart" "WLR routekaart" in "WRL/WS1" sinds 2021-10-05
      Als "programmamanager" op 2021-12-31 onderwerp "WRL/WS1/routekaart" afhankelijk maakt van "<van>"
      Dan wordt dit geweigerd met "<melding>"
      En is er niets vastgelegd

      Voorbeelden:
        | van                    | melding                                             |
        | topic:WS1/bestaat-niet | dat onderwerp bestaat niet                          |
        | besluit:ONBEKEND       | het grootboek kent dat besluit niet                 |
        | topic:WS1/routekaart   | kan niet van zichzelf afhangen                      |
        | wlq                    | Van 'wlq' kan een onderwerp niet afhangen           |

    Scenario: Onderwerpen die in een kring van elkaar afhangen worden geweigerd
      Gegeven onderwerp "a" "Eerste" in "WRL/WS1" sinds 2021-10-05
      En onderwerp "b" "Tweede" in "WRL/WS1" sinds 2021-10-05 afhankelijk van "topic:WS1/a"
      En onderwerp "c" "Derde" in "WRL/WS2" sinds 2021-10-05 afhankelijk van "topic:WS1/b"
      Als "programmamanager" op 2021-12-31 onderwerp "WRL/WS1/a" afhankelijk maakt van "topic:WS2/c"
      Dan wordt dit geweigerd met "zodat een kringloop zou ontstaan"
      En is er niets vastgelegd
