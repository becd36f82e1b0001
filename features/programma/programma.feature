# language: nl
Functionaliteit: Een programma met werkstromen
  Een programma, zoals Warmtetransitie Regio Leiden (WRL), loopt onder een overeenkomst en over een
  periode, borgt publieke waarden en legt vast welk orgaan welk bedrag van de begroting mag
  verschuiven. Het werk is verdeeld over werkstromen.

  Achtergrond:
    Gegeven de overeenkomst "WRL-SOK" tussen de zes gemeenten

  Regel: Een programma heeft een code, een naam, een overeenkomst en een periode

    Scenario: Het programma WRL wordt aangemaakt
      Als het secretariaat het programma "WRL" aanmaakt onder overeenkomst "WRL-SOK" van 2021-09-01 tot 2022-12-31
      Dan wordt dit aanvaard
      En loopt programma "WRL" onder overeenkomst "WRL-SOK" van 2021-09-01 tot 2022-12-31

    Scenario: Een programma dat eindigt voordat het begint wordt geweigerd
      Als het secretariaat het programma "WRL" aanmaakt onder overeenkomst "WRL-SOK" van 2022-12-31 tot 2021-09-01
      Dan wordt dit geweigerd met "vóór het begint"
      En is er niets vastgelegd

    Scenario: Een tweede programma met dezelfde code wordt geweigerd
      Gegeven het programma "WRL" onder overeenkomst "WRL-SOK"
      Als het secretariaat het programma "WRL" aanmaakt onder overeenkomst "WRL-SOK" van 2021-09-01 tot 2022-12-31
      Dan wordt dit geweigerd met "Programma WRL bestaat al"
      En is er niets vastgelegd

    Scenario: Een ongeldige sleutel van de overeenkomst wordt geweigerd
      Als het secretariaat het programma "WRL" aanmaakt onder overeenkomst "SOK WRL" van 2021-09-01 tot 2022-12-31
      Dan wordt dit geweigerd met "sleutel van de overeenkomst"
      En is er niets vastgelegd

  Regel: Een programma loopt onder een overeenkomst die het grootboek kent
    De overeenkomst moet op de ingangsdatum van het programma zijn vastgelegd en mag niet zijn
    beëindigd. Zij hoeft nog niet getekend te zijn: het interim-programmateam van WRL begon
    voordat de colleges de SOK op 5 oktober 2021 tekenden.

    Scenario: Een programma begint onder een overeenkomst die nog niet getekend is
      Als het secretariaat het programma "WRL" aanmaakt onder overeenkomst "WRL-SOK" van 2021-09-01 tot 2022-12-31
      Dan wordt dit aanvaard
      En is overeenkomst "WRL-SOK" op 2021-09-01 nog een concept

    Scenario: Een programma onder een overeenkomst die het grootboek niet kent wordt geweigerd
      Als het secretariaat het programma "WRL" aanmaakt onder overeenkomst "WRL-DVO" van 2021-09-01 tot 2022-12-31
      Dan wordt dit geweigerd met "Programma WRL kan niet onder overeenkomst WRL-DVO vallen: het grootboek kent die overeenkomst niet."
      En is er niets vastgelegd

    Scenario: Een programma dat begint voordat zijn overeenkomst is opgesteld wordt geweigerd
      Gegeven de overeenkomst "WRL-DVO" tussen de zes gemeenten, opgesteld op 2021-10-05
      Als het secretariaat op 2021-09-01 het programma "WRL" aanmaakt onder overeenkomst "WRL-DVO" van 2021-09-01 tot 2022-12-31
      Dan wordt dit geweigerd met "de overeenkomst is volgens het grootboek pas op 5 oktober 2021 als concept opgesteld"
      En is er niets vastgelegd

    Scenario: Een programma onder een beëindigde overeenkomst wordt geweigerd
      Gegeven de zes gemeenten hebben "WRL-SOK" op 2021-10-05 ondertekend
      En overeenkomst "WRL-SOK" is op 2022-12-31 beëindigd
      Als het secretariaat op 2023-01-01 het programma "WRL2" aanmaakt onder overeenkomst "WRL-SOK" van 2023-01-01 tot 2024-12-31
      Dan wordt dit geweigerd met "Programma WRL2 kan per 1 januari 2023 niet onder overeenkomst WRL-SOK vallen: de overeenkomst is op 31 december 2022 beëindigd."
      En is er niets vastgelegd

  Regel: Een programma borgt publieke waarden die de ledger kent

    Scenario: De vijf publieke waarden van WRL
      Als het secretariaat het programma "WRL" aanmaakt met publieke waarden "betaalbaarheid, haalbaarheid, duurzaamheid, betrouwbaarheid, tijdigheid"
      Dan borgt programma "WRL" de publieke waarden "betaalbaarheid, haalbaarheid, duurzaamheid, betrouwbaarheid, tijdigheid"

    Scenario: Een onbekende publieke waarde wordt geweigerd
      Als het secretariaat het programma "WRL" aanmaakt met publieke waarden "winstgevendheid"
      Dan wordt dit geweigerd met "'winstgevendheid' is geen publieke waarde"
      En is er niets vastgelegd

  Regel: Een programma legt per orgaan vast tot welk bedrag het de begroting mag verschuiven

    Scenario: Mandaatgrenzen van programmamanager, PHO en college
      Als het secretariaat het programma "WRL" aanmaakt met mandaten "programmamanager:25000, pho:250k, college:unlimited"
      Dan mag "programmamanager" in programma "WRL" tot "€ 25.000" verschuiven
      En mag "pho" in programma "WRL" tot "€ 250.000" verschuiven
      En mag "college" in programma "WRL" onbeperkt verschuiven

    Abstract Scenario: Een onleesbaar mandaat wordt geweigerd
      Als het secretariaat het programma "WRL" aanmaakt met mandaten "<mandaat>"
      Dan wordt dit geweigerd met "<melding>"
      En is er niets vastgelegd

      Voorbeelden:
        | mandaat                       | melding                                   |
        | pho:veel                      | is geen bedrag                            |
        | wethouder:25000               | is geen soort bestuursorgaan              |
        | pho                           | is geen mandaatgrens                      |
        | pho:25000, pho:50000          | Het mandaat van pho is twee keer gegeven  |
        | programmamanager:-5000        | is negatief                               |

  Regel: Het werk van een programma is verdeeld over werkstromen met een eigen code

    Scenario: De vier werkstromen van WRL
      Gegeven het programma "WRL" onder overeenkomst "WRL-SOK"
      Als het secretariaat werkstroom "WS1" "Energiesysteem" toevoegt aan "WRL"
      En het secretariaat werkstroom "WS2" "Warmtetransitie" toevoegt aan "WRL"
      En het secretariaat werkstroom "WS3" "Partnerstrategie" toevoegt aan "WRL"
      En het secretariaat werkstroom "WS4" "Organisatie" toevoegt aan "WRL"
      Dan heeft programma "WRL" de werkstromen "WS1, WS2, WS3, WS4"

    Scenario: Een tweede werkstroom met dezelfde code wordt geweigerd
      Gegeven het programma "WRL" onder overeenkomst "WRL-SOK"
      En programma "WRL" heeft werkstroom "WS1" "Energiesysteem"
      Als het secretariaat werkstroom "WS1" "Iets anders" toevoegt aan "WRL"
      Dan wordt dit geweigerd met "heeft al werkstroom WS1"
      En is er niets vastgelegd

    Scenario: Een werkstroom van een onbekend programma wordt geweigerd
      Als het secretariaat werkstroom "WS1" "Energiesysteem" toevoegt aan "XYZ"
      Dan wordt dit geweigerd met "Het grootboek kent geen programma 'XYZ'"
      En is er niets vastgelegd
