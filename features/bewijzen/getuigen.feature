# language: nl
Functionaliteit: Getuigen van de kopie van een buurgemeente
  Een buurgemeente houdt een kopie van de ledger en ondertekent controlepunten van haar kopie.
  De ledger getuigt daarvan: dezelfde boom wordt medeondertekend en vastgelegd; twee verschillende
  wortels voor hetzelfde aantal gebeurtenissen (een gespleten beeld) worden vastgelegd en blijven
  een bevinding in de status, met beide wortels, tot ze zijn uitgezocht.

  Achtergrond:
    Gegeven een ledger met 8 gebeurtenissen en een eigen sleutel
    En een kopie van de ledger bij "ledger.oegstgeest.example/kopie"

  Scenario: Een getrouwe kopie wordt medeondertekend
    Als de ledger getuigt van het controlepunt van de kopie
    Dan is het controlepunt medeondertekend en vastgelegd
    En noemt de status geen gespleten beeld

  Scenario: Een herschreven kopie geeft een gespleten beeld dat de status noemt
    Gegeven de kopie is herschreven bij gebeurtenis 3
    Als de ledger getuigt van het controlepunt van de kopie
    Dan is het gespleten beeld vastgelegd
    En noemt de status het gespleten beeld bij 8 gebeurtenissen met beide wortels

  Scenario: Een controlepunt zonder handtekening van de opgegeven sleutel wordt geweigerd
    Als de ledger getuigt van het controlepunt van de kopie met een andere sleutel
    Dan wordt dit geweigerd met "draagt geen handtekening van de sleutel"
    En is er niets vastgelegd

  Scenario: Een ledger getuigt niet van zichzelf
    Als de ledger getuigt van zijn eigen controlepunt
    Dan wordt dit geweigerd met "een grootboek is niet zijn eigen getuige"
    En is er niets vastgelegd
