/// Name data for synthetic people: common given names and surnames by region, weighted roughly
/// by how often they occur. Only first names and surnames in general use: no real person's
/// record is reproduced, and every combination is drawn at random.
enum NameTables {
    /// Central American and Mexican surnames, most common first (weights fall off with rank,
    /// so Hernández and López come up far more often than Mazariegos).
    static let centralAmericanSurnames = [
        "Hernández", "López", "Martínez", "García", "Rodríguez", "Pérez", "Ramírez", "Flores", "González", "Cruz",
        "Reyes", "Morales", "Rivera", "Gómez", "Díaz", "Mejía", "Castillo", "Alvarado", "Aguilar", "Romero",
        "Sánchez", "Ramos", "Ortiz", "Vásquez", "Portillo", "Guzmán", "Juárez", "Chávez", "Menjívar", "Escobar",
        "Orellana", "Argueta", "Ayala", "Velásquez", "Bonilla", "Rosales", "Quintanilla", "Henríquez", "Lemus",
        "Molina",
        "Cortez", "Mendoza", "Navarro", "Zelaya", "Fuentes", "Guevara", "Campos", "Solís", "Miranda", "Barrera",
        "Villatoro", "Deras", "Majano", "Amaya", "Zepeda", "Rivas", "Palacios", "Linares", "Recinos", "Cáceres",
        "Pineda", "Mazariegos", "Tobar", "Ventura", "Alfaro", "Carranza", "Sorto", "Umaña", "Beltrán", "Hércules",
    ]
    /// Surnames written with a particle.
    static let particleSurnames = [
        "de León", "de la Cruz", "del Cid", "de Paz", "de Jesús", "de la O", "del Valle", "de los Santos",
    ]

    static let maleGiven = [
        "José", "Juan", "Carlos", "Luis", "Jorge", "Mario", "Francisco", "Jesús", "Miguel", "Óscar", "Julio", "Manuel",
        "Pedro", "Roberto", "Ricardo", "Walter", "Edwin", "Nelson", "William", "Kevin", "Brayan", "Jonathan", "Marvin",
        "Santos", "Ángel", "Rafael", "Antonio", "Fernando", "David", "Alexander", "Josué", "Wilmer", "Elmer", "Henry",
        "Erick", "Alejandro", "Rigoberto", "Guadalupe", "Alfredo", "Armando",
    ]
    static let femaleGiven = [
        "María", "Ana", "Rosa", "Carmen", "Sandra", "Karla", "Gabriela", "Claudia", "Patricia", "Marta", "Yesenia",
        "Brenda", "Jennifer", "Katherine", "Wendy", "Sonia", "Silvia", "Alejandra", "Guadalupe", "Lucía", "Elena",
        "Daniela", "Fátima", "Roxana", "Dinora", "Reina", "Blanca", "Esmeralda", "Jessica", "Evelyn", "Rocío",
        "Milagro",
        "Isabel", "Teresa", "Verónica", "Josefina", "Yanira", "Cecilia",
    ]
    /// Second given names that form a familiar compound with the first.
    static let maleCompounds = [
        "José Luis", "Juan Carlos", "José Antonio", "Luis Alonso", "Carlos Ernesto", "Juan Pablo",
        "José Roberto", "Mario Alberto", "Jorge Alberto", "Miguel Ángel", "Óscar Armando",
        "Francisco Javier", "José Manuel", "Jesús Antonio", "José Guadalupe",
    ]
    static let femaleCompounds = [
        "María José", "Ana Gabriela", "María de los Ángeles", "Rosa María", "María Fernanda",
        "Ana Lucía", "María del Carmen", "Karla Patricia", "Sandra Elizabeth", "María Guadalupe",
        "Claudia Marisol", "Reina Isabel", "Blanca Estela", "María de Jesús",
    ]

    /// Everyday short forms, as family and friends use them (and as people give them at a counter).
    static let nicknames: [String: [String]] = [
        "José": ["Pepe", "Chepe"], "Francisco": ["Paco", "Pancho", "Chico"], "Jesús": ["Chucho", "Chuy"],
        "Guadalupe": ["Lupe", "Lupita"], "Rosario": ["Chayo"], "Antonio": ["Toño"], "Roberto": ["Beto"],
        "Alberto": ["Beto"], "Guillermo": ["Memo"], "Fernando": ["Nando"], "Manuel": ["Manolo", "Meme"],
        "Alejandro": ["Alex", "Jando"], "Ricardo": ["Richi"], "Enrique": ["Quique"], "Ignacio": ["Nacho"],
        "Santos": ["Chentos"], "María": ["Mari"], "Carmen": ["Carmencita"], "Concepción": ["Concha", "Chona"],
        "Teresa": ["Tere"], "Isabel": ["Chabela"], "Josefina": ["Chepita", "Fina"], "Dolores": ["Lola"],
        "Mercedes": ["Meche"], "Luis": ["Lucho"], "Rafael": ["Rafa"], "Eduardo": ["Lalo"], "Margarita": ["Maggie"],
    ]

    /// Placazos: street names a clique gives its members.
    static let monikers = [
        "Diablo", "Sniper", "Flaco", "Gato", "Zorro", "Demente", "Travieso", "Spider", "Smokey", "Payaso", "Chino",
        "Negro", "Silent", "Psycho", "Crazy", "Tiny", "Pelón", "Shadow", "Casper", "Danger", "Lobo", "Cuervo",
        "Pantera",
        "Trigger", "Joker", "Duende", "Malo", "Satán", "Tigre", "Oso", "Pirata", "Cholo", "Loco", "Mousy", "Triste",
        "Sleepy", "Dreamer", "Brujo", "Killer", "Scrappy", "Garra", "Chucky", "Veneno", "Tormenta", "Cobra", "Halcón",
    ]
    /// Prefixes that make a moniker unique within a clique (`Little Diablo`, `Big Shadow`).
    static let monikerPrefixes = ["Little", "Big", "Black", "Crazy", "Wicked", "Baby", "Lil", "Viejo", "Mad"]

    static let tattoos = [
        "MS on the chest", "13 on the left forearm", "devil horns on the forehead", "Salvatrucha across the back",
        "MS on the chin", "three dots on the right hand", "18 behind the left ear", "XV3 on the back",
        "666 on the neck", "BXVIII on the stomach", "teardrop under the left eye", "clown faces on the chest",
        "spider web on the elbow", "crossed pistols on the forearm",
    ]

    // Third countries.
    static let haitianGiven = (
        male: ["Jean", "Pierre", "Joseph", "Jean-Baptiste", "Wilson", "Ricardo", "Frantz", "Jacques"],
        female: ["Marie", "Nadège", "Fabienne", "Guerline", "Rose", "Esther", "Magdala", "Widline"]
    )
    static let haitianSurnames = [
        "Joseph", "Pierre", "Jean", "Louis", "Charles", "Baptiste", "Saint-Fleur", "Dorvil",
        "Exantus", "François", "Desir", "Celestin", "Augustin", "Michel",
    ]
    static let chineseGiven = (
        male: ["Wei", "Lei", "Jun", "Hao", "Qiang", "Tao"], female: ["Na", "Fang", "Jing", "Li", "Yan", "Min"]
    )
    static let chineseSurnames = ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou"]
    static let indianGiven = (
        male: ["Amit", "Rahul", "Sanjay", "Vikram", "Harpreet", "Gurpreet", "Rajesh"],
        female: ["Priya", "Anjali", "Simran", "Pooja", "Neha", "Kiran", "Sunita"]
    )
    static let indianSurnames = ["Singh", "Kumar", "Sharma", "Patel", "Kaur", "Gill", "Sandhu", "Verma"]
}
