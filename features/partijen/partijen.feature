# language: nl
Functionaliteit: Partijen registreren en corrigeren
  Het secretariaat legt vast welke partijen samenwerken. Een gemeente wordt herkend aan haar
  CBS-code; een vergissing wordt hersteld met een nieuwe gebeurtenis, nooit door iets te wijzigen.

  Scenario: Een gemeente krijgt haar TOOI-identificatie uit de CBS-code
    Als het secretariaat de gemeente "Leiden" met CBS-code "GM0546" registreert
    Dan is partij "GM0546" een gemeente met naam "Leiden"
    En heeft partij "GM0546" de TOOI-identificatie "https://identifier.overheid.nl/tooi/id/gemeente/gm0546"

  Scenario: Een ongeldige CBS-code wordt geweigerd en er wordt niets vastgelegd
    Als het secretariaat de gemeente "Leiden" met CBS-code "GM546" registreert
    Dan wordt dit geweigerd met "is geen CBS-gemeentecode"
    En is er niets vastgelegd

  Scenario: Dezelfde gemeente twee keer registreren wordt geweigerd
    Gegeven de gemeente "Leiden" met CBS-code "GM0546" is geregistreerd
    Als het secretariaat de gemeente "Leiden" met CBS-code "GM0546" registreert
    Dan wordt dit geweigerd met "al geregistreerd"

  Scenario: Een correctie verwijst naar het origineel en laat het intact
    Gegeven de provincie "Zuid Holand" met sleutel "ZH" is geregistreerd
    Als het secretariaat de naam van partij "ZH" corrigeert naar "Provincie Zuid-Holland"
    Dan heeft partij "ZH" de naam "Provincie Zuid-Holland"
    En verwijst de correctie naar de registratie
    En staat de oorspronkelijke registratie ongewijzigd in het logboek

  Scenario: Een commando met hetzelfde command-id is de tweede keer een no-op
    Als het secretariaat de gemeente "Leiden" met CBS-code "GM0546" registreert met command-id "c-1"
    En het secretariaat de gemeente "Leiden" met CBS-code "GM0546" registreert met command-id "c-1"
    Dan staat er precies één registratie van "GM0546" in het logboek
