import NexoKit

/// A curated table of Spanish given names and their everyday forms (hypocorisms), with a few
/// English ones that Central American records often carry (`William` → `Willy`).
///
/// Each group is a formal name and its short forms; a short form may belong to several groups
/// (`Beto`: Alberto, Roberto, Humberto, Gilberto). Two names are nickname-equivalent when they
/// share a group. Lookups use folded names (``NameFolding/words(_:upperCased:)``, upper case),
/// so `José`, `JOSE` and `jose` agree.
public enum Nicknames {
    /// Formal name followed by its short forms, as written.
    public static let groups: [[String]] = [
        ["José", "Pepe", "Pepito", "Chepe", "Chepito", "Cheo", "Joselito", "Che"],
        ["José María", "Chema", "Josema"],
        ["Josefa", "Pepa", "Pepita", "Chepa", "Fina"],
        ["Josefina", "Fina", "Pepa", "Chepina"],
        ["Francisco", "Paco", "Pancho", "Curro", "Quico", "Kiko", "Paquito", "Panchito", "Chico", "Frank", "Fran"],
        ["Francisca", "Paca", "Pancha", "Paquita", "Frasquita", "Quica"],
        ["Jesús", "Chucho", "Chuy", "Chus", "Chuchín", "Jesusito"],
        ["Jesusa", "Chucha", "Chuy"],
        ["Guadalupe", "Lupe", "Lupita", "Pita", "Lupillo", "Guada"],
        ["Manuel", "Manolo", "Manolito", "Manu", "Meño", "Many"],
        ["Manuela", "Manuelita", "Manola", "Manoli"],
        ["Alejandro", "Alex", "Ale", "Jando", "Sandro", "Alejo"],
        ["Alejandra", "Ale", "Alex", "Sandra", "Jandra"],
        ["Antonio", "Toño", "Toni", "Tony", "Nono", "Tonio"],
        ["Antonia", "Toña", "Toni"],
        ["Roberto", "Beto", "Tito", "Rober", "Bob"],
        ["Alberto", "Beto", "Tito", "Berto"],
        ["Humberto", "Beto"],
        ["Gilberto", "Beto", "Gil"],
        ["Rigoberto", "Rigo", "Beto"],
        ["Guillermo", "Memo", "Guille", "Willy", "Guillo"],
        ["William", "Willy", "Will", "Bill", "Billy", "Memo"],
        ["Enrique", "Quique", "Kike", "Henry"],
        ["Ignacio", "Nacho", "Nachito", "Nacio"],
        ["Eduardo", "Lalo", "Edu", "Guayo"],
        ["Luis", "Lucho", "Güicho", "Wicho", "Luisito"],
        ["Rosario", "Chayo", "Charo", "Rosa"],
        ["Concepción", "Concha", "Conchita", "Chona", "Conchi"],
        ["Dolores", "Lola", "Loli", "Lolita", "Lolis"],
        ["Mercedes", "Meche", "Merche", "Mecha"],
        ["Margarita", "Margo", "Rita", "Magui", "Mague"],
        ["Graciela", "Chela", "Gracie"],
        ["Consuelo", "Chelo"],
        ["Rafael", "Rafa", "Fali", "Rafi", "Rafita"],
        ["Ricardo", "Richi", "Ricky", "Rica", "Cayo"],
        ["Santiago", "Santi", "Chago", "Yago"],
        ["Fernando", "Nando", "Fer", "Ferchu"],
        ["Hernando", "Nando"],
        ["Armando", "Mando"],
        ["Jorge", "Coque", "Georgie"],
        ["Gregorio", "Goyo"],
        ["Isabel", "Chabela", "Chavela", "Isa", "Bela", "Chabe"],
        ["Elizabeth", "Eli", "Liz", "Lizzy", "Beth", "Betty", "Chabe"],
        ["Ernesto", "Neto", "Tito"],
        ["Javier", "Javi", "Javo"],
        ["Rodrigo", "Rigo", "Rodri"],
        ["Salvador", "Chava", "Chavo", "Salva", "Chavita"],
        ["Carlos", "Charly", "Carlitos", "Calo", "Caco"],
        ["Cristina", "Cris", "Tina"],
        ["Cristóbal", "Toval", "Cris"],
        ["María", "Mari", "Maruca", "Maruja", "Mary", "Maru", "Mariquita"],
        ["María Teresa", "Maite", "Marité"],
        ["María Luisa", "Marisa", "Malú"],
        ["María Isabel", "Maribel", "Marisa"],
        ["Teresa", "Tere", "Teté", "Techi"],
        ["Ana", "Anita", "Nita"],
        ["Pedro", "Perico", "Pedrito", "Piter"],
        ["Vicente", "Chente", "Chento"],
        ["Vicenta", "Chenta"],
        ["Ramón", "Moncho", "Mongo"],
        ["Reynaldo", "Rey", "Naldo"],
        ["Reinaldo", "Rey", "Naldo"],
        ["Ezequiel", "Cheque", "Chequel"],
        ["Anselmo", "Chemo"],
        ["Anastasio", "Tacho", "Tasio"],
        ["Gustavo", "Tavo", "Gus"],
        ["Octavio", "Tavo"],
        ["Eusebio", "Chebo"],
        ["Asunción", "Chon", "Choni", "Asun"],
        ["Encarnación", "Chon", "Encarna", "Chona"],
        ["Refugio", "Cuca", "Cuco", "Cuquita"],
        ["Socorro", "Coco", "Coquito"],
        ["Benjamín", "Benja", "Mincho"],
        ["Agustín", "Tin", "Agus", "Tino"],
        ["Gabriel", "Gabo", "Gaby", "Gabi"],
        ["Gabriela", "Gaby", "Gabi"],
        ["Federico", "Fede", "Kiko", "Lico"],
        ["Patricia", "Pati", "Paty", "Patty", "Tricia"],
        ["Patricio", "Pato", "Pati"],
        ["Domingo", "Mingo", "Chomin"],
        ["Dominga", "Minga"],
        ["Rolando", "Rolo"],
        ["Orlando", "Rolo", "Lando"],
        ["Mauricio", "Mauro", "Mau"],
        ["Andrés", "Andy", "Andresito"],
        ["Juan", "Juancho", "Juanito", "Juancito", "Johnny"],
        ["Juana", "Juanita", "Jane"],
        ["Jacinto", "Chinto"],
        ["Leonardo", "Leo", "Nardo"],
        ["Nicolás", "Nico", "Colás", "Nicol"],
        ["Bartolomé", "Bartolo", "Tolo"],
        ["Cruz", "Crucita", "Cuca"],
        ["Esperanza", "Espe", "Lancha"],
        ["Beatriz", "Bea", "Betty", "Tita"],
        ["Alfredo", "Fredy", "Freddy", "Alfre", "Fito"],
        ["Adolfo", "Fito", "Fofo"],
        ["Rodolfo", "Rudy", "Fito", "Fofo"],
        ["Jonathan", "Johnny", "Jona"],
        ["Josué", "Chue"],
        ["Miguel", "Migue", "Mike", "Micky"],
        ["Miguel Ángel", "Miguelángel", "Mike"],
        ["Ángel", "Angelito", "Gel"],
        ["Ángeles", "Angie", "Geles"],
        ["María de los Ángeles", "Marielos", "Angie", "Geles", "Maríangeles"],
        ["Milagro", "Mila"],
        ["Fátima", "Fati"],
        ["Katherine", "Kathy", "Katy", "Kate", "Catalina"],
        ["Catalina", "Cata", "Lina", "Cati"],
        ["Jennifer", "Jenny", "Jeny"],
        ["Jessica", "Jessy", "Jesi"],
        ["Daniel", "Dani", "Danny"],
        ["Daniela", "Dani", "Danny"],
        ["Verónica", "Vero", "Roni"],
        ["Cecilia", "Ceci", "Chila"],
        ["Elena", "Nena"],
        ["Lucía", "Lucha", "Luci"],
        ["Sandra", "Sandy"],
        ["Claudia", "Clau"],
        ["Alexander", "Alex", "Xander", "Alejandro"],
        ["Kevin", "Kev"],
        ["Nelson", "Nelsito"],
        ["Edwin", "Eddie", "Edi"],
        ["Óscar", "Oscarito", "Cacho"],
        ["Julio", "Julito", "July"],
        ["Mario", "Marito"],
        ["Marta", "Martita"],
        ["Yesenia", "Yese"],
        ["Roxana", "Roxy", "Rox"],
        ["Blanca", "Blanquita"],
        ["Esmeralda", "Mera", "Esme"],
    ]

    /// Folded name → indexes of its groups.
    private static let index: [String: [Int]] = {
        var index: [String: [Int]] = [:]
        for (g, group) in groups.enumerated() {
            for name in group {
                let key = NameFolding.words(name, upperCased: true)
                if index[key]?.contains(g) != true { index[key, default: []].append(g) }
            }
        }
        return index
    }()

    /// Whether the two names are forms of one name (`Pepe` and `José`, `Chepe` and `Pepe`);
    /// equal names are not nicknames of each other, compare them directly.
    public static func areEquivalent(_ a: String, _ b: String) -> Bool {
        areEquivalent(folded: NameFolding.words(a, upperCased: true), NameFolding.words(b, upperCased: true))
    }

    /// ``areEquivalent(_:_:)`` for names already folded.
    public static func areEquivalent(folded a: String, _ b: String) -> Bool {
        guard a != b, let x = index[a], let y = index[b] else { return false }
        return x.contains { y.contains($0) }
    }

    /// The formal names `name` may stand for (`Beto` → Alberto, Gilberto, Humberto, Rigoberto,
    /// Roberto), as written in the table, or `[]` when `name` is not a known short form.
    public static func formalNames(of name: String) -> [String] {
        let key = NameFolding.words(name, upperCased: true)
        guard let groupIndexes = index[key] else { return [] }
        return groupIndexes.map { groups[$0][0] }.filter { NameFolding.words($0, upperCased: true) != key }.sorted()
    }

    /// Whether the folded name appears in the table, formal or short.
    public static func isKnown(folded name: String) -> Bool { index[name] != nil }
}
