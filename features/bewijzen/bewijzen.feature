# language: nl
Functionaliteit: Bewijzen die een buitenstaander zelf controleert
  De ledger ondertekent met zijn eigen sleutel een controlepunt: zijn naam, het aantal
  gebeurtenissen en de wortel van de Merkle-boom erover. Wie een controlepunt heeft (uit een
  rapport), controleert zonder de ledger of een database dat een gebeurtenis erin staat, en dat
  de ledger van vandaag een voortzetting is van de ledger van toen. Een bewijs dat op één byte na
  klopt, klopt niet.

  Achtergrond:
    Gegeven een ledger met 20 gebeurtenissen en een eigen sleutel

  Scenario: Een gebeurtenis staat aantoonbaar in de ledger van het controlepunt
    Gegeven een controlepunt bij 12 gebeurtenissen
    Als de griffie een bewijs vraagt dat gebeurtenis 7 in dat controlepunt staat
    Dan klopt het bewijs met de publieke sleutel van de ledger
    En noemt het bewijs gebeurtenis 7 met haar inhoud

  Scenario: De ledger van vandaag is een voortzetting van die van het rapport
    Gegeven een controlepunt bij 12 gebeurtenissen
    En er zijn daarna 5 gebeurtenissen vastgelegd
    Als de griffie een bewijs vraagt dat de ledger van nu voortbouwt op dat controlepunt
    Dan klopt het bewijs met de publieke sleutel van de ledger

  Abstract Scenario: Een gewijzigd bewijs klopt niet
    Gegeven een controlepunt bij 12 gebeurtenissen
    Als de griffie een bewijs vraagt dat gebeurtenis 7 in dat controlepunt staat
    En iemand <wat> in het bewijs verandert
    Dan klopt het bewijs niet

    Voorbeelden:
      | wat                        |
      | één byte van het pad       |
      | de positie in de boom      |
      | het aantal gebeurtenissen  |
      | één byte van de inhoud     |

  Scenario: Een bewijs tegen het controlepunt van een andere ledger wordt geweigerd
    Gegeven een controlepunt van een andere ledger bij 12 gebeurtenissen
    Als de griffie een bewijs vraagt dat gebeurtenis 7 in dat controlepunt staat
    Dan wordt dit geweigerd met "wortelhash van het controlepunt bij omvang 12"
