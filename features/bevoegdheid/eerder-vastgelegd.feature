# language: nl
Functionaliteit: Wat vóór de bevoegdheidsregels is vastgelegd, blijft staan en wordt gemeld
  Niets wat is vastgelegd, wordt veranderd. Een gebeurtenis die is vastgelegd voordat de ledger
  bevoegdheid toetste, en die de regels nu zouden weigeren, blijft in het logboek staan. De status
  (`ledger status`) noemt haar: de positie in het logboek, het besluit, zijn orgaan en waarom dat
  besluit haar niet kan dragen. Zo ziet een accountant wat er mis is, zonder dat iets verdwijnt.

  Achtergrond:
    Gegeven de gemeenten van de Leidse regio zijn geregistreerd
    En de gemeenten van Noord-Limburg zijn geregistreerd
    En de zes gemeenten van de Leidse regio zijn sinds 2021-07-15 partij bij "WRL-SOK"
    En het programma "WRL" loopt onder "WRL-SOK" met mandaten "programmamanager:25000, pho:unlimited"

  Scenario: Een oude verschuiving op een besluit van een college buiten het programma
    Gegeven het college van "GM0983" heeft op 2022-01-10 besluit "BW-GM0983-X" genomen
    En vóór de bevoegdheidsregels is op 2022-01-15 "100000" verschoven in "WRL" op besluit "BW-GM0983-X"
    Dan meldt de status die verschuiving als vastgelegd op gezag dat niet deugt: "besluit BW-GM0983-X van college:GM0983 kan er per 15 januari 2022 niet de grondslag voor zijn: "
    En staat die verschuiving nog in het logboek

  Scenario: Vandaag wordt dezelfde verschuiving geweigerd
    Gegeven het college van "GM0983" heeft op 2022-01-10 besluit "BW-GM0983-X" genomen
    Als het secretariaat op 2022-01-15 "100000" verschuift in "WRL" op besluit "BW-GM0983-X"
    Dan wordt dit geweigerd met "Besluit BW-GM0983-X van college:GM0983 kan per 15 januari 2022 geen grondslag zijn voor"
    En wordt dit geweigerd met ": GM0983 is op 15 januari 2022 geen partij die gebonden is aan overeenkomst WRL-SOK, waaronder programma WRL valt."
    En is er niets vastgelegd
    En meldt de status niets over gezag
