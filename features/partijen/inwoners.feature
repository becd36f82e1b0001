# language: nl
Functionaliteit: Inwonertallen per peildatum
  Het inwonertal van een partij wordt per peildatum vastgelegd, met de bron van het cijfer. Een
  later cijfer voor dezelfde peildatum is een correctie: een nieuwe gebeurtenis die naar het
  gecorrigeerde cijfer verwijst; het oude cijfer blijft in het logboek staan en het laatste telt.

  Achtergrond:
    Gegeven de gemeente "Leiden" met CBS-code "GM0546" is geregistreerd

  Scenario: Een inwonertal wordt met zijn bron per peildatum vastgelegd
    Als het secretariaat voor "GM0546" 125574 inwoners op peildatum 2021-01-01 vastlegt met bron "CBS, Bevolking op 1 januari 2021"
    Dan wordt dit aanvaard
    En heeft "GM0546" op peildatum 2021-01-01 125574 inwoners

  Scenario: Een correctie voor dezelfde peildatum verwijst naar het vorige cijfer
    Gegeven voor "GM0546" zijn 125000 inwoners op peildatum 2021-01-01 vastgelegd
    Als het secretariaat voor "GM0546" 125574 inwoners op peildatum 2021-01-01 vastlegt met bron "CBS, Bevolking op 1 januari 2021"
    Dan wordt dit aanvaard
    En heeft "GM0546" op peildatum 2021-01-01 125574 inwoners
    En verwijst het nieuwe cijfer naar het cijfer van 125000
    En toont de geschiedenis van "GM0546" de cijfers 125000 en 125574, waarvan het laatste telt

  Scenario: Een correctie kan het gecorrigeerde cijfer zelf noemen
    Gegeven voor "GM0546" zijn 125000 inwoners op peildatum 2021-01-01 vastgelegd
    En voor "GM0546" zijn 125500 inwoners op peildatum 2021-01-01 vastgelegd
    Als het secretariaat voor "GM0546" 125574 inwoners op peildatum 2021-01-01 vastlegt als correctie van het cijfer van 125000
    Dan wordt dit aanvaard
    En verwijst het nieuwe cijfer naar het cijfer van 125000
    En heeft "GM0546" op peildatum 2021-01-01 125574 inwoners

  Scenario: Een correctie die naar een cijfer van een andere peildatum verwijst, wordt geweigerd
    Gegeven voor "GM0546" zijn 124899 inwoners op peildatum 2020-01-01 vastgelegd
    En voor "GM0546" zijn 125000 inwoners op peildatum 2021-01-01 vastgelegd
    Als het secretariaat voor "GM0546" 125574 inwoners op peildatum 2021-01-01 vastlegt als correctie van het cijfer van 124899
    Dan wordt dit geweigerd met "is geen inwonertal van partij GM0546 voor peildatum 1 januari 2021"
    En is er niets vastgelegd

  Scenario: Het eerste cijfer van een peildatum corrigeert niets
    Gegeven voor "GM0546" zijn 124899 inwoners op peildatum 2020-01-01 vastgelegd
    Als het secretariaat voor "GM0546" 125574 inwoners op peildatum 2021-01-01 vastlegt als correctie van het cijfer van 124899
    Dan wordt dit geweigerd met "Partij GM0546 heeft geen inwonertal voor peildatum 1 januari 2021 om te corrigeren."
    En is er niets vastgelegd

  Scenario: Hetzelfde cijfer nog eens is geen correctie
    Gegeven voor "GM0546" zijn 125574 inwoners op peildatum 2021-01-01 vastgelegd
    Als het secretariaat voor "GM0546" 125574 inwoners op peildatum 2021-01-01 vastlegt met bron "CBS"
    Dan wordt dit geweigerd met "Partij GM0546 heeft al 125.574 inwoners op peildatum 1 januari 2021 (CBS)."
    En is er niets vastgelegd

  Scenario: Het inwonertal op een datum is dat van de laatste peildatum ervoor
    Gegeven voor "GM0546" zijn 125574 inwoners op peildatum 2021-01-01 vastgelegd
    En voor "GM0546" zijn 126000 inwoners op peildatum 2022-01-01 vastgelegd
    Dan telt "GM0546" op 2021-12-31 125574 inwoners
    En telt "GM0546" op 2022-03-01 126000 inwoners

  Scenario: Zonder peildatum op of vóór de datum is er geen inwonertal
    Gegeven voor "GM0546" zijn 126000 inwoners op peildatum 2022-01-01 vastgelegd
    Dan telt "GM0546" op 2021-12-31 geen inwoners

  Abstract Scenario: Een ongeldig inwonertal wordt geweigerd
    Als het secretariaat voor "GM0546" <aantal> inwoners op peildatum 2021-01-01 vastlegt met bron "CBS"
    Dan wordt dit geweigerd met "is geen aantal inwoners"
    En is er niets vastgelegd

    Voorbeelden:
      | aantal |
      | 0      |
      | -5     |
      | veel   |
      | 125,5  |

  Scenario: Een inwonertal zonder bron wordt geweigerd
    Als het secretariaat voor "GM0546" 125574 inwoners op peildatum 2021-01-01 vastlegt met bron " "
    Dan wordt dit geweigerd met "Er is geen bron van het inwonertal opgegeven."
    En is er niets vastgelegd

  Scenario: Een onbekende partij heeft geen inwonertal
    Als het secretariaat voor "GM9999" 1000 inwoners op peildatum 2021-01-01 vastlegt met bron "CBS"
    Dan wordt dit geweigerd met "Het grootboek kent geen partij 'GM9999'."
    En is er niets vastgelegd
