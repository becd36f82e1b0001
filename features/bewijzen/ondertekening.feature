# language: nl
Functionaliteit: Ondertekende gebeurtenissen per actor
  Een actor kan een sleutel hebben; de publieke sleutel staat in de ledger, de privésleutel nooit.
  Wie voor die actor vastlegt met de privésleutel, ondertekent elke gebeurtenis, en de schakel van
  de keten dekt de handtekening. Een auditor ziet per actor wat ondertekend is, wat niet, welke
  handtekening fout is en welke na de intrekking van de sleutel is gezet.

  Achtergrond:
    Gegeven de actor "griffier" heeft een sleutel

  Regel: Alleen de eigen, niet-ingetrokken sleutel van de actor ondertekent

    Scenario: Een gebeurtenis met de sleutel van de actor is ondertekend
      Als "griffier" een partij vastlegt met de sleutel van "griffier"
      Dan wordt dit aanvaard
      En telt de controle 1 ondertekende gebeurtenis van "griffier" en geen foute

    Scenario: De sleutel van een andere actor wordt geweigerd
      Als "secretaris" een partij vastlegt met de sleutel van "griffier"
      Dan wordt dit geweigerd met "hoort niet bij secretaris"
      En is er niets vastgelegd

    Scenario: Een ingetrokken sleutel wordt geweigerd
      Gegeven de sleutel van "griffier" is ingetrokken omdat "laptop kwijt"
      Als "griffier" een partij vastlegt met de sleutel van "griffier"
      Dan wordt dit geweigerd met "is ingetrokken"
      En is er niets vastgelegd

  Regel: Een handtekening gezet na de intrekking van de sleutel wordt gemeld

    Scenario: Een handtekening van voor de intrekking blijft geldig
      Gegeven "griffier" heeft een partij vastgelegd met de sleutel van "griffier"
      En de sleutel van "griffier" is ingetrokken omdat "laptop kwijt"
      Dan telt de controle 1 ondertekende gebeurtenis van "griffier" en geen foute

    Scenario: Een handtekening van na de intrekking wordt gemeld
      Gegeven de sleutel van "griffier" is ingetrokken omdat "laptop kwijt"
      Als een oude client toch met de ingetrokken sleutel van "griffier" vastlegt
      Dan meldt de controle 1 handtekening van "griffier" na intrekking

  Regel: Onder de eis tot ondertekening is een niet-ondertekende gebeurtenis een bevinding

    Scenario: Een ondertekende gebeurtenis onder de eis is geen bevinding
      Gegeven ondertekening is vereist in het hele grootboek
      Als "griffier" een partij vastlegt met de sleutel van "griffier"
      Dan noemt de status geen niet-ondertekende gebeurtenis

    Scenario: Een niet-ondertekende gebeurtenis onder de eis is een bevinding
      Gegeven ondertekening is vereist in het hele grootboek
      Als "griffier" een partij vastlegt zonder sleutel
      Dan noemt de status de gebeurtenis van "griffier" als niet ondertekend
