# language: nl
Functionaliteit: Een Routekaart vaststellen
  Een Routekaart is van een gemeente en wordt vastgesteld door de raad van die gemeente. Het
  secretariaat legt haar vast met het raadsbesluit als grondslag; zonder een besluit van de eigen
  raad dat op de datum van vaststelling geldt, wordt niets vastgelegd.

  Achtergrond:
    Gegeven de gemeente "Voorschoten" met CBS-code "GM0626"
    En de gemeente "Wassenaar" met CBS-code "GM0629"
    En het besluit "VS-RAAD-1" van "raad:GM0626" van 2019-01-31

  Scenario: De raad van de eigen gemeente stelt de Routekaart vast
    Als het secretariaat de Routekaart "VS-RK" van "GM0626" vastlegt met besluit "VS-RAAD-1" op 2019-01-31
    Dan is Routekaart "VS-RK" van "GM0626" vastgesteld op 2019-01-31 bij besluit "VS-RAAD-1"

  Scenario: Zonder datum geldt de datum van het raadsbesluit
    Als het secretariaat de Routekaart "VS-RK" van "GM0626" vastlegt met besluit "VS-RAAD-1"
    Dan is Routekaart "VS-RK" van "GM0626" vastgesteld op 2019-01-31 bij besluit "VS-RAAD-1"

  Scenario: Een besluit van het college is geen vaststelling door de raad
    Gegeven het besluit "VS-COLLEGE-1" van "college:GM0626" van 2019-01-31
    Als het secretariaat de Routekaart "VS-RK" van "GM0626" vastlegt met besluit "VS-COLLEGE-1" op 2019-01-31
    Dan wordt dit geweigerd met "daarvoor is een besluit van een gemeenteraad nodig"
    En is er niets vastgelegd

  Scenario: Het besluit moet van de raad van de eigen gemeente zijn
    Gegeven het besluit "WS-RAAD-1" van "raad:GM0629" van 2019-01-31
    Als het secretariaat de Routekaart "VS-RK" van "GM0626" vastlegt met besluit "WS-RAAD-1" op 2019-01-31
    Dan wordt dit geweigerd met "het is geen besluit van de raad van GM0626"
    En is er niets vastgelegd

  Scenario: Zonder besluit wordt geen Routekaart vastgelegd
    Als het secretariaat de Routekaart "VS-RK" van "GM0626" vastlegt zonder besluit op 2019-01-31
    Dan wordt dit geweigerd met de zin "Voor het vaststellen van Routekaart VS-RK is een besluit als grondslag nodig."
    En is er niets vastgelegd

  Scenario: Een besluit dient pas als grondslag vanaf de dag dat het genomen is
    Als het secretariaat de Routekaart "VS-RK" van "GM0626" vastlegt met besluit "VS-RAAD-1" op 2019-01-30
    Dan wordt dit geweigerd met "het is pas op 31 januari 2019 genomen"
    En is er niets vastgelegd

  Scenario: Een ingetrokken besluit dient niet meer als grondslag
    Gegeven besluit "VS-RAAD-1" is ingetrokken op 2019-02-10
    Als het secretariaat de Routekaart "VS-RK" van "GM0626" vastlegt met besluit "VS-RAAD-1" op 2019-03-01
    Dan wordt dit geweigerd met "het is op 10 februari 2019 ingetrokken"
    En is er niets vastgelegd

  Scenario: Elke Routekaart heeft haar eigen sleutel
    Gegeven de Routekaart "VS-RK" van "GM0626", vastgesteld op 2019-01-31 bij besluit "VS-RAAD-1"
    Als het secretariaat de Routekaart "VS-RK" van "GM0626" vastlegt met besluit "VS-RAAD-1" op 2019-01-31
    Dan wordt dit geweigerd met "Routekaart VS-RK is al vastgelegd"
    En is er niets vastgelegd
