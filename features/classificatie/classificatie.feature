# language: nl
Functionaliteit: Classificatie naar instrument, niveau en rol
  Besluiten, onderwerpen en onderdelen van een Routekaart krijgen het instrument dat de gemeente
  inzet, het niveau waarop het werkt (strategisch, tactisch, operationeel) en de rol van de
  gemeente (visionair, sturend, faciliterend, toetsend, uitvoerend). Lijsten en het logboek
  filteren erop, en de classificatie staat in de audit trail van wat geclassificeerd is.

  Achtergrond:
    Gegeven de overeenkomst "WRL-SOK" tussen de zes gemeenten
    En het programma "WRL" onder overeenkomst "WRL-SOK"
    En programma "WRL" heeft werkstroom "WS2" "Warmtetransitie"
    En onderwerp "kaders" "Kaders warmtenet" in "WRL/WS2" sinds 2021-10-05
    En onderwerp "graafrust" "Afspraken over graafrust" in "WRL/WS2" sinds 2021-10-05

  Regel: Het niveau volgt uit het instrument als het niet gegeven is

    Scenario: Een onderwerp classificeren als omgevingsvisie maakt het strategisch
      Als het secretariaat onderwerp "WRL/WS2/kaders" classificeert als instrument "omgevingsvisie" en rol "visionair"
      Dan wordt dit aanvaard
      En is "topic:WRL/WS2/kaders" geclassificeerd als "omgevingsvisie", "strategisch", "visionair"
      En staat de classificatie in de audit trail van "topic:WRL/WS2/kaders"

  Regel: Een herclassificatie wijzigt alleen wat gegeven is

    Scenario: Alleen de rol wijzigen
      Gegeven onderwerp "WRL/WS2/kaders" is geclassificeerd als instrument "omgevingsvisie" en rol "visionair"
      Als het secretariaat onderwerp "WRL/WS2/kaders" classificeert met rol "sturend"
      Dan is "topic:WRL/WS2/kaders" geclassificeerd als "omgevingsvisie", "strategisch", "sturend"

    Scenario: Een herclassificatie die niets wijzigt wordt geweigerd
      Gegeven onderwerp "WRL/WS2/kaders" is geclassificeerd als instrument "omgevingsvisie" en rol "visionair"
      Als het secretariaat onderwerp "WRL/WS2/kaders" classificeert met rol "visionair"
      Dan wordt dit geweigerd met "topic:WRL/WS2/kaders is al zo geclassificeerd; er verandert niets."
      En is er niets vastgelegd

  Regel: Alleen de woorden van de vaste woordenlijst

    Scenario: Een onbekend instrument wordt geweigerd
      Als het secretariaat onderwerp "WRL/WS2/kaders" classificeert als instrument "wensdenken" en rol "visionair"
      Dan wordt dit geweigerd met "'wensdenken' is geen instrument dat het grootboek kent."
      En is er niets vastgelegd

    Scenario: Een onbekende rol wordt geweigerd
      Als het secretariaat onderwerp "WRL/WS2/kaders" classificeert met rol "toeschouwer"
      Dan wordt dit geweigerd met "'toeschouwer' is geen rol die het grootboek kent."
      En is er niets vastgelegd

    Scenario: Een onbekend onderwerp wordt geweigerd
      Als het secretariaat onderwerp "WRL/WS2/onbekend" classificeert met rol "sturend"
      Dan wordt dit geweigerd met "Het grootboek kent geen onderwerp 'WRL/WS2/onbekend'."
      En is er niets vastgelegd

  Regel: Lijsten filteren op instrument, niveau en rol

    Scenario: Alleen de tactische onderwerpen
      Gegeven onderwerp "WRL/WS2/kaders" is geclassificeerd als instrument "omgevingsvisie" en rol "visionair"
      En onderwerp "WRL/WS2/graafrust" is geclassificeerd als instrument "graafrust" en rol "sturend"
      Dan zijn de onderwerpen van "WRL/WS2" met niveau "tactisch": "graafrust"
      En zijn de onderwerpen van "WRL/WS2" met rol "visionair": "kaders"
