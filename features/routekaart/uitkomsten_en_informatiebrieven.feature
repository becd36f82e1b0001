# language: nl
Functionaliteit: Uitkomsten en informatiebrieven
  Een stap levert rapporten en besluiten op, elk met een titel en een datum (soms alleen een
  maand); een besluit staat zelf in de ledger. De raad wordt geïnformeerd met een informatiebrief
  met zaaknummer en documentnummer, over de stappen (en wegen zonder stappen) die zij behandelt.

  Achtergrond:
    Gegeven de gemeente "Voorschoten" met CBS-code "GM0626"
    En het besluit "VS-RAAD-1" van "raad:GM0626" van 2019-01-31
    En de Routekaart "VS-RK" van "GM0626", vastgesteld op 2019-01-31 bij besluit "VS-RAAD-1"
    En weg 1 "Visie op regionale samenwerking"
    En stap "1.1" "Formuleren visie op samenwerking"
    En stap "1.2" "Inventarisatie samenwerkingen"
    En weg 2 "Samenwerking Leidse regio"

  Scenario: Een stap levert een raadsbesluit op
    Gegeven het besluit "VS-RAAD-2" van "raad:GM0626" van 2019-04-04
    Als het secretariaat de uitkomst "Visie op samenwerking" van "1.1" vastlegt met besluit "VS-RAAD-2"
    Dan toont het overzicht bij "1.1" de uitkomst "Visie op samenwerking is vastgesteld in de raad van 4 april 2019"

  Scenario: Een rapport waarvan alleen de maand bekend is
    Als het secretariaat het rapport "Samenwerkende allianties" van "1.2" vastlegt van 2019-01
    Dan toont het overzicht bij "1.2" de uitkomst "“Samenwerkende allianties”, januari 2019"

  Scenario: Een uitkomst met een besluit dat de ledger niet kent wordt geweigerd
    Als het secretariaat de uitkomst "Visie op samenwerking" van "1.1" vastlegt met besluit "ONBEKEND"
    Dan wordt dit geweigerd met "Het grootboek kent geen besluit 'ONBEKEND'"
    En is er niets vastgelegd

  Scenario: Een uitkomst hoort bij een stap, niet bij een actie
    Gegeven actie "1.1/1" "Dashboard opstellen" voor "raad"
    Als het secretariaat het rapport "Dashboard" van "1.1/1" vastlegt van 2019-05
    Dan wordt dit geweigerd met "Een uitkomst hoort bij een stap (of een weg zonder stappen), niet bij actie 1.1/1"
    En is er niets vastgelegd

  Scenario: De raad wordt geïnformeerd met zaaknummer en documentnummer
    Als het secretariaat vastlegt dat de raad op 2019-12-16 is geïnformeerd met documentnummer "166008" in zaak "Z/17/011355"
    Dan is de raad geïnformeerd met documentnummer "166008" in zaak "Z/17/011355" op 2019-12-16
    En behandelt die informatiebrief "1.1, 1.2, 2"

  Scenario: Een informatiebrief over een stap die er niet is wordt geweigerd
    Als het secretariaat vastlegt dat de raad op 2019-12-16 is geïnformeerd met documentnummer "166008" in zaak "Z/17/011355" over "1.9"
    Dan wordt dit geweigerd met "Weg 1 van Routekaart VS-RK heeft geen stap 9"
    En is er niets vastgelegd

  Scenario: Een ongeldig zaaknummer wordt geweigerd
    Als het secretariaat vastlegt dat de raad op 2019-12-16 is geïnformeerd met documentnummer "166008" in zaak "Z 17 ?"
    Dan wordt dit geweigerd met "is geen geldig zaaknummer"
    En is er niets vastgelegd

  Scenario: Een informatiebrief wordt maar één keer vastgelegd
    Gegeven de raad is op 2019-12-16 geïnformeerd met documentnummer "166008" in zaak "Z/17/011355"
    Als het secretariaat vastlegt dat de raad op 2019-12-17 is geïnformeerd met documentnummer "166008" in zaak "Z/17/011355"
    Dan wordt dit geweigerd met "Informatiebrief 166008 is al vastgelegd"
    En is er niets vastgelegd

  Scenario: Een informatiebrief gaat niet vooraf aan de vaststelling
    Als het secretariaat vastlegt dat de raad op 2018-12-01 is geïnformeerd met documentnummer "160000" in zaak "Z/17/011355"
    Dan wordt dit geweigerd met "kan niet rapporteren over Routekaart VS-RK, die op 31 januari 2019 is vastgesteld"
    En is er niets vastgelegd
