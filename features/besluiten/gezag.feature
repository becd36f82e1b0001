# language: nl
Functionaliteit: Gezag: wat op een besluit rust, vraagt een besluit dat dan in werking is
  Een gebeurtenis die gezag nodig heeft (een ondertekening, een wijziging, een uittreding) noemt
  het besluit waarop zij rust. Is dat besluit onbekend, nog voorgenomen, ingetrokken, vervallen,
  nog niet in werking, niet aangenomen, of van het verkeerde orgaan, dan wordt de gebeurtenis
  geweigerd met een zin die zegt welk besluit het is en waarom.

  Achtergrond:
    Gegeven de gemeenten van de Leidse regio zijn geregistreerd
    En de overeenkomst "SOK" van soort "sok" tussen "GM0546, GM0547" is opgesteld
    En het college van "GM0546" heeft op 2021-09-01 besluit "B-INGETROKKEN" genomen
    En besluit "B-INGETROKKEN" is op 2021-10-01 ingetrokken
    En het college van "GM0546" heeft op 2021-09-01 besluit "B-VERVALLEN" genomen dat vervalt op 2021-10-01 wegens "tijdelijke instemming"
    En het college van "GM0546" heeft op 2021-10-04 besluit "B-LATER" genomen met ingangsdatum 2021-11-01
    En het college van "GM0546" heeft op 2021-10-04 besluit "B-VERWORPEN" genomen met uitkomst "verworpen"
    En de raad van "GM0546" heeft op 2021-10-04 besluit "B-RAAD" genomen
    En het college van "GM0547" heeft op 2021-10-04 besluit "B-LEIDERDORP" genomen

  Abstract Scenario: Een ondertekening op een besluit dat geen gezag kan dragen, wordt geweigerd
    Als "GM0546" "SOK" op 2021-10-05 ondertekent met besluit "<besluit>"
    Dan wordt dit geweigerd met "<waarom>"
    En noemt de weigering besluit "<besluit>"
    En is er niets vastgelegd

    Voorbeelden:
      | besluit       | waarom                                                            |
      | B-ONBEKEND    | het grootboek kent dit besluit niet                               |
      | B-INGETROKKEN | het is op 1 oktober 2021 ingetrokken                              |
      | B-VERVALLEN   | het is op 1 oktober 2021 vervallen (tijdelijke instemming)        |
      | B-LATER       | het gaat pas op 1 november 2021 in                                |
      | B-VERWORPEN   | het is verworpen                                                  |
      | B-RAAD        | daarvoor is een besluit van een college van B&W nodig             |
      | B-LEIDERDORP  | het is geen besluit van GM0546 zelf                               |

  Scenario: Een ondertekening zonder besluit wordt geweigerd
    Als "GM0546" "SOK" op 2021-10-05 ondertekent zonder besluit
    Dan wordt dit geweigerd met "Voor de ondertekening van overeenkomst SOK door GM0546 is een besluit als grondslag nodig."
    En is er niets vastgelegd

  Scenario: Een wijziging op een nog voorgenomen PHO-besluit wordt geweigerd
    Gegeven "SOK" is door alle partijen op 2021-10-05 ondertekend
    En het PHO "WRL" heeft op 2021-12-09 besluit "PHO-1" genomen met deelnemers "GM0546, GM0547"
    En het college van "GM0546" heeft besluit "PHO-1" op 2021-12-14 bekrachtigd
    Als "SOK" per 2022-01-01 wordt gewijzigd op besluit "PHO-1"
    Dan wordt dit geweigerd met "Besluit PHO-1 van pho:WRL kan per 1 januari 2022 geen grondslag zijn voor de wijziging van overeenkomst SOK: het is nog voorgenomen: het college van GM0547 heeft het niet bekrachtigd."
    En is er niets vastgelegd

  Scenario: Een bekrachtigd PHO-besluit draagt de wijziging
    Gegeven "SOK" is door alle partijen op 2021-10-05 ondertekend
    En het PHO "WRL" heeft op 2021-12-09 besluit "PHO-1" genomen met deelnemers "GM0546, GM0547"
    En het college van "GM0546" heeft besluit "PHO-1" op 2021-12-14 bekrachtigd
    En het college van "GM0547" heeft besluit "PHO-1" op 2021-12-20 bekrachtigd
    Als "SOK" per 2022-01-01 wordt gewijzigd op besluit "PHO-1"
    Dan wordt dit aanvaard

  Scenario: Een besluit dat pas na de gebeurtenis is genomen, draagt haar niet
    Gegeven het college van "GM0546" heeft op 2021-10-20 besluit "B-NA" genomen
    Als "GM0546" "SOK" op 2021-10-05 ondertekent met besluit "B-NA"
    Dan wordt dit geweigerd met "Besluit B-NA van college:GM0546 kan per 5 oktober 2021 geen grondslag zijn voor de ondertekening van overeenkomst SOK door GM0546: het is pas op 20 oktober 2021 genomen."
    En is er niets vastgelegd
