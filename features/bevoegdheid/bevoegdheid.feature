# language: nl
Functionaliteit: Bevoegdheid: een besluit telt alleen waar zijn orgaan bevoegd is
  Bevoegdheid is altijd bevoegdheid vóór iets: een orgaan beslist voor het programma of de
  overeenkomst waartoe het behoort, op de datum van de handeling. Het college van Leiden mag
  beslissen voor WRL omdat Leiden partij is bij de overeenkomst waaronder WRL loopt; het college
  van Venlo mag dat niet, hoe ruim zijn eigen mandaat ook is. Een mandaat is gegeven aan een
  concreet orgaan van één programma. Elke regel hieronder is een rij van de tabel in
  docs/decisions-and-agreements.md (de bevoegdhedentabel). Een besluit dat als gezag
  (--decision of besluit:) niet deugt, wordt geweigerd met één zin die het besluit, zijn orgaan
  en de reden noemt; er wordt dan niets vastgelegd: het aantal gebeurtenissen en de
  vingerafdruk blijven gelijk. Steeds is het besluit op de datum van de handeling in werking
  (genomen, bekrachtigd, niet ingetrokken of vervallen): zie features/besluiten/gezag.feature.

  Achtergrond:
    Gegeven de gemeenten van de Leidse regio zijn geregistreerd
    En de gemeenten van Noord-Limburg zijn geregistreerd
    En de zes gemeenten van de Leidse regio zijn sinds 2021-07-15 partij bij "WRL-SOK"
    En het programma "WRL" loopt onder "WRL-SOK" met mandaten "programmamanager:25000, pho:unlimited"
    En "GM0983, GM0984, GM1507" zijn sinds 2021-07-15 partij bij centrumregeling "CR"
    En het programma "RES" loopt onder "CR" met mandaten "ab:unlimited"
    En Voorschoten ("GM0626") heeft een Routekaart "VS-RK" met een stap "1.1"

  Regel: Het werk van een programma: besluiten van zijn eigen organen, de colleges en raden van zijn partijen, en het AB of DB van zijn centrumregeling

    Abstract Scenario: Een bevoegd orgaan draagt het werk van het programma
      Als het secretariaat op 2022-01-15 voor programma "<programma>" "<handeling>" vastlegt op een besluit van "<orgaan>"
      Dan wordt dit aanvaard

      Voorbeelden:
        | programma | handeling                 | orgaan               |
        | WRL       | toewijzen                 | pho:WRL              |
        | WRL       | reserveren                | regiegroep:WRL       |
        | WRL       | besteden                  | college:GM0546       |
        | WRL       | vrijgeven                 | raad:GM0547          |
        | WRL       | financieren               | pho:WRL              |
        | WRL       | gedrukt bedrag vastleggen | regiegroep:WRL       |
        | WRL       | werkstroom toevoegen      | college:GM0638       |
        | WRL       | onderwerp toevoegen       | regiegroep:WRL       |
        | WRL       | onderwerp wijzigen        | pho:WRL              |
        | WRL       | indicator vaststellen     | college:GM0579       |
        | WRL       | streefwaarde vaststellen  | pho:WRL              |
        | WRL       | meting vastleggen         | regiegroep:WRL       |
        | WRL       | toewijzen                 | programmamanager:WRL |
        | RES       | toewijzen                 | ab:CR                |
        | RES       | reserveren                | db:CR                |
        | RES       | toewijzen                 | college:GM0983       |

    Abstract Scenario: Een orgaan buiten het programma draagt zijn werk niet
      Als het secretariaat op 2022-01-15 voor programma "<programma>" "<handeling>" vastlegt op een besluit van "<orgaan>"
      Dan wordt dit geweigerd met een zin die het besluit en orgaan "<orgaan>" noemt, en "<waarom>"
      En is er niets vastgelegd: het aantal gebeurtenissen en de vingerafdruk zijn gelijk

      Voorbeelden:
        | programma | handeling            | orgaan               | waarom                                                                                   |
        | WRL       | toewijzen            | college:GM0983       | GM0983 is op 15 januari 2022 geen partij die gebonden is aan overeenkomst WRL-SOK, waaronder programma WRL valt |
        | WRL       | reserveren           | pho:RES              | het is geen orgaan van programma WRL                                                     |
        | WRL       | besteden             | ab:CR                | WRL-SOK valt niet onder een centrumregeling                                              |
        | RES       | toewijzen            | pho:WRL              | het is geen orgaan van programma RES                                                     |
        | RES       | reserveren           | college:GM0546       | GM0546 is op 15 januari 2022 geen partij die gebonden is aan overeenkomst CR, waaronder programma RES valt |
        | WRL       | toewijzen            | programmamanager:RES | het is geen orgaan van programma WRL                                                     |
        | WRL       | werkstroom toevoegen | raad:GM0983          | GM0983 is op 15 januari 2022 geen partij die gebonden is aan overeenkomst WRL-SOK        |

  Regel: Een programmamanager beslist alleen binnen het mandaat dat zijn programma hem gaf

    Scenario: Binnen het mandaat draagt het besluit van de programmamanager de handeling
      Als het secretariaat op 2022-01-15 voor programma "WRL" "20000" toewijst op een besluit van "programmamanager:WRL"
      Dan wordt dit aanvaard

    Scenario: Boven het mandaat wordt het geweigerd
      Als het secretariaat op 2022-01-15 voor programma "WRL" "30000" toewijst op een besluit van "programmamanager:WRL"
      Dan wordt dit geweigerd met een zin die het besluit en orgaan "programmamanager:WRL" noemt, en "het mandaat van programmamanager in programma WRL reikt tot € 25.000"
      En is er niets vastgelegd: het aantal gebeurtenissen en de vingerafdruk zijn gelijk

  Regel: Een verschuiving tussen werkstromen of jaren vraagt een orgaan van het programma met een mandaat dat het bedrag dekt

    Abstract Scenario: Een orgaan met mandaat verschuift
      Als het secretariaat op 2022-01-15 voor programma "<programma>" "<bedrag>" verschuift op een besluit van "<orgaan>"
      Dan wordt dit aanvaard

      Voorbeelden:
        | programma | bedrag | orgaan               |
        | WRL       | 100000 | pho:WRL              |
        | WRL       | 25000  | programmamanager:WRL |
        | RES       | 10000  | ab:CR                |

    Abstract Scenario: Zonder passend mandaat wordt de verschuiving geweigerd
      Als het secretariaat op 2022-01-15 voor programma "<programma>" "<bedrag>" verschuift op een besluit van "<orgaan>"
      Dan wordt dit geweigerd met een zin die het besluit en orgaan "<orgaan>" noemt, en "<waarom>"
      En is er niets vastgelegd: het aantal gebeurtenissen en de vingerafdruk zijn gelijk

      Voorbeelden:
        | programma | bedrag | orgaan               | waarom                                                            |
        | WRL       | 100000 | college:GM0546       | college:GM0546 heeft in programma WRL geen mandaat voor verschuivingen in de begroting |
        | WRL       | 30000  | programmamanager:WRL | het mandaat van programmamanager in programma WRL reikt tot € 25.000 |
        | WRL       | 100000 | college:GM0983       | GM0983 is op 15 januari 2022 geen partij die gebonden is aan overeenkomst WRL-SOK |
        | RES       | 10000  | db:CR                | db:CR heeft in programma RES geen mandaat voor verschuivingen in de begroting |
        | WRL       | 100000 | pho:RES              | het is geen orgaan van programma WRL                              |

  Regel: Een programma wordt ingesteld door een partij bij zijn overeenkomst, het AB of DB van de centrumregeling, of een PHO waaraan elke partij deelneemt

    Abstract Scenario: Een bevoegd orgaan stelt het programma in
      Als het secretariaat op 2022-01-15 programma "NIEUW" onder "<overeenkomst>" instelt op een besluit van "<orgaan>"
      Dan wordt dit aanvaard

      Voorbeelden:
        | overeenkomst | orgaan         |
        | WRL-SOK      | college:GM0546 |
        | WRL-SOK      | pho:WRL        |
        | CR           | ab:CR          |

    Abstract Scenario: Een ander orgaan stelt het programma niet in
      Als het secretariaat op 2022-01-15 programma "NIEUW" onder "<overeenkomst>" instelt op een besluit van "<orgaan>"
      Dan wordt dit geweigerd met een zin die het besluit en orgaan "<orgaan>" noemt, en "<waarom>"
      En is er niets vastgelegd: het aantal gebeurtenissen en de vingerafdruk zijn gelijk

      Voorbeelden:
        | overeenkomst | orgaan               | waarom                                               |
        | WRL-SOK      | college:GM0983       | GM0983 is op 15 januari 2022 geen partij die gebonden is aan overeenkomst WRL-SOK |
        | WRL-SOK      | regiegroep:WRL       | het is niet bevoegd voor het instellen van een programma |
        | CR           | pho:WRL              | niet elke partij die op 15 januari 2022 aan overeenkomst CR gebonden is, neemt eraan deel (ontbrekend: GM0983, GM0984, GM1507) |

  Regel: Een Routekaart wordt vastgesteld door de raad van de gemeente die haar heeft

    Scenario: De eigen raad stelt de Routekaart vast
      Als het secretariaat op 2022-01-15 Routekaart "VS-RK2" van "GM0626" vastlegt op een besluit van "raad:GM0626"
      Dan wordt dit aanvaard

    Abstract Scenario: Een ander orgaan stelt haar niet vast
      Als het secretariaat op 2022-01-15 Routekaart "VS-RK2" van "GM0626" vastlegt op een besluit van "<orgaan>"
      Dan wordt dit geweigerd met een zin die het besluit en orgaan "<orgaan>" noemt, en "<waarom>"
      En is er niets vastgelegd: het aantal gebeurtenissen en de vingerafdruk zijn gelijk

      Voorbeelden:
        | orgaan         | waarom                                   |
        | college:GM0626 | daarvoor is een besluit van een gemeenteraad nodig |
        | raad:GM0546    | het is geen besluit van de raad van GM0626 |

  Regel: Wat een Routekaart verder vastlegt, rust op de raad of het college van de eigen gemeente

    Abstract Scenario: De eigen gemeente beslist over haar Routekaart
      Als het secretariaat op 2022-01-15 in Routekaart "VS-RK" "<handeling>" vastlegt op een besluit van "<orgaan>"
      Dan wordt dit aanvaard

      Voorbeelden:
        | handeling          | orgaan         |
        | status wijzigen    | college:GM0626 |
        | weg toevoegen      | raad:GM0626    |
        | stap toevoegen     | college:GM0626 |
        | actie toevoegen    | college:GM0626 |
        | uitkomst vastleggen | raad:GM0626   |
        | raad informeren    | college:GM0626 |

    Abstract Scenario: Een ander orgaan beslist niet over haar Routekaart
      Als het secretariaat op 2022-01-15 in Routekaart "VS-RK" "<handeling>" vastlegt op een besluit van "<orgaan>"
      Dan wordt dit geweigerd met een zin die het besluit en orgaan "<orgaan>" noemt, en "alleen de raad of het college van GM0626 besluit hierover"
      En is er niets vastgelegd: het aantal gebeurtenissen en de vingerafdruk zijn gelijk

      Voorbeelden:
        | handeling       | orgaan         |
        | status wijzigen | college:GM0546 |
        | stap toevoegen  | pho:WRL        |

  Regel: Ondertekenen, uittreden en bekrachtigen rusten op een besluit van het college van de partij zelf

    Abstract Scenario: Het eigen college draagt de handeling van zijn partij
      Als "GM0546" op 2022-01-15 "<handeling>" op een besluit van "college:GM0546"
      Dan wordt dit aanvaard

      Voorbeelden:
        | handeling                 |
        | "NIEUW" ondertekent       |
        | uit "WRL-SOK" treedt      |
        | besluit "PHO-R" bekrachtigt |

    Abstract Scenario: Een ander orgaan draagt de handeling van de partij niet
      Als "GM0546" op 2022-01-15 "<handeling>" op een besluit van "<orgaan>"
      Dan wordt dit geweigerd met een zin die het besluit en orgaan "<orgaan>" noemt, en "<waarom>"
      En is er niets vastgelegd: het aantal gebeurtenissen en de vingerafdruk zijn gelijk

      Voorbeelden:
        | handeling                   | orgaan         | waarom                                     |
        | "NIEUW" ondertekent         | college:GM0547 | het is geen besluit van GM0546 zelf        |
        | uit "WRL-SOK" treedt        | raad:GM0546    | daarvoor is een besluit van een college van B&W nodig |
        | besluit "PHO-R" bekrachtigt | pho:WRL        | daarvoor is een besluit van een college van B&W nodig |

  Regel: Een overeenkomst wijzigen of beëindigen vraagt een PHO van al haar partijen, het AB of DB van de centrumregeling, of een college of raad van een partij

    Abstract Scenario: Een bevoegd orgaan wijzigt de overeenkomst
      Als het secretariaat op 2022-01-15 overeenkomst "<overeenkomst>" "<handeling>" op een besluit van "<orgaan>"
      Dan wordt dit aanvaard

      Voorbeelden:
        | overeenkomst | handeling  | orgaan         |
        | WRL-SOK      | wijzigt    | pho:WRL        |
        | WRL-SOK      | wijzigt    | raad:GM0546    |
        | CR           | wijzigt    | db:CR          |
        | WRL-SOK      | beëindigt  | college:GM0537 |

    Abstract Scenario: Een ander orgaan wijzigt de overeenkomst niet
      Als het secretariaat op 2022-01-15 overeenkomst "<overeenkomst>" "<handeling>" op een besluit van "<orgaan>"
      Dan wordt dit geweigerd met een zin die het besluit en orgaan "<orgaan>" noemt, en "<waarom>"
      En is er niets vastgelegd: het aantal gebeurtenissen en de vingerafdruk zijn gelijk

      Voorbeelden:
        | overeenkomst | handeling | orgaan         | waarom                                          |
        | WRL-SOK      | wijzigt   | college:GM0983 | GM0983 is op 15 januari 2022 geen partij die gebonden is aan overeenkomst WRL-SOK |
        | WRL-SOK      | beëindigt | ab:CR          | WRL-SOK valt niet onder een centrumregeling     |
        | CR           | wijzigt   | regiegroep:WRL | het is niet bevoegd voor het wijzigen van een overeenkomst |

  Regel: Een handeling die bij geen programma of overeenkomst hoort, vraagt alleen een besluit dat in werking is

    Scenario: Een partij registreren op een besluit van welk orgaan ook
      Als het secretariaat op 2022-01-15 een partij registreert op een besluit van "college:GM0983"
      Dan wordt dit aanvaard

    Scenario: Een besluit dat nog niet in werking is, draagt ook die handeling niet
      Als het secretariaat op 2022-01-15 een partij registreert op een besluit van "pho:WRL" dat nog niet is bekrachtigd
      Dan wordt dit geweigerd met een zin die het besluit en orgaan "pho:WRL" noemt, en "het is nog voorgenomen"
      En is er niets vastgelegd: het aantal gebeurtenissen en de vingerafdruk zijn gelijk
