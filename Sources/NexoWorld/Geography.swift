import NexoKit

/// Public geography the world is set in: countries, departments, municipalities, border posts
/// and the towns smuggling routes pass through, with approximate coordinates. Colonias, safe
/// houses and prisons are generated on top of it.
enum Geography {
    struct Site {
        /// Short key route templates use.
        let key: String
        let name: String
        /// `department`, `municipality` or `border_post`.
        let type: String
        let country: String
        let latitude: Double
        let longitude: Double
        /// Key of the department it lies in (municipalities and posts in Central America).
        let parent: String?
    }

    static let countries: [(code: String, name: String)] = [
        ("SV", "El Salvador"), ("GT", "Guatemala"), ("HN", "Honduras"), ("NI", "Nicaragua"), ("MX", "México"),
        ("US", "United States"),
    ]

    static let departments: [Site] = [
        d("sv-ss", "San Salvador", "SV", 13.69, -89.19), d("sv-ll", "La Libertad", "SV", 13.49, -89.32),
        d("sv-so", "Sonsonate", "SV", 13.72, -89.72), d("sv-sa", "Santa Ana", "SV", 13.99, -89.56),
        d("sv-ah", "Ahuachapán", "SV", 13.92, -89.85), d("sv-sm", "San Miguel", "SV", 13.48, -88.18),
        d("sv-us", "Usulután", "SV", 13.35, -88.44), d("sv-lu", "La Unión", "SV", 13.34, -87.84),
        d("sv-ch", "Chalatenango", "SV", 14.04, -88.94), d("sv-lp", "La Paz", "SV", 13.50, -88.95),
        d("gt-gu", "Guatemala", "GT", 14.64, -90.51), d("gt-sm", "San Marcos", "GT", 14.96, -91.79),
        d("gt-hu", "Huehuetenango", "GT", 15.32, -91.47), d("gt-pe", "Petén", "GT", 16.91, -89.89),
        d("gt-ch", "Chiquimula", "GT", 14.80, -89.55), d("gt-ju", "Jutiapa", "GT", 14.29, -89.90),
        d("hn-fm", "Francisco Morazán", "HN", 14.07, -87.19), d("hn-co", "Cortés", "HN", 15.50, -88.03),
        d("hn-oc", "Ocotepeque", "HN", 14.44, -89.18), d("hn-cl", "Choluteca", "HN", 13.30, -87.19),
        d("ni-mn", "Managua", "NI", 12.13, -86.25), d("ni-ch", "Chinandega", "NI", 12.63, -87.13),
        d("mx-ch", "Chiapas", "MX", 16.75, -93.12), d("mx-ve", "Veracruz", "MX", 19.17, -96.13),
        d("mx-tm", "Tamaulipas", "MX", 24.27, -98.84), d("mx-cm", "Ciudad de México", "MX", 19.43, -99.13),
        d("mx-ci", "Chihuahua", "MX", 28.63, -106.07), d("mx-so", "Sonora", "MX", 29.07, -110.96),
        d("mx-ta", "Tabasco", "MX", 17.99, -92.93), d("mx-co", "Coahuila", "MX", 25.42, -101.00),
    ]

    static let municipalities: [Site] = [
        m("san-salvador", "San Salvador", "SV", 13.69, -89.19, "sv-ss"),
        m("soyapango", "Soyapango", "SV", 13.71, -89.14, "sv-ss"),
        m("mejicanos", "Mejicanos", "SV", 13.74, -89.21, "sv-ss"), m("apopa", "Apopa", "SV", 13.80, -89.18, "sv-ss"),
        m("ilopango", "Ilopango", "SV", 13.70, -89.11, "sv-ss"),
        m("san-martin", "San Martín", "SV", 13.74, -89.05, "sv-ss"),
        m("santa-tecla", "Santa Tecla", "SV", 13.67, -89.28, "sv-ll"),
        m("colon", "Colón", "SV", 13.72, -89.37, "sv-ll"),
        m("sonsonate", "Sonsonate", "SV", 13.72, -89.72, "sv-so"), m("izalco", "Izalco", "SV", 13.74, -89.67, "sv-so"),
        m("acajutla", "Acajutla", "SV", 13.59, -89.83, "sv-so"),
        m("santa-ana", "Santa Ana", "SV", 13.99, -89.56, "sv-sa"),
        m("chalchuapa", "Chalchuapa", "SV", 13.98, -89.68, "sv-sa"),
        m("ahuachapan", "Ahuachapán", "SV", 13.92, -89.85, "sv-ah"),
        m("san-miguel", "San Miguel", "SV", 13.48, -88.18, "sv-sm"),
        m("usulutan", "Usulután", "SV", 13.35, -88.44, "sv-us"),
        m("la-union", "La Unión", "SV", 13.34, -87.84, "sv-lu"),
        m("chalatenango", "Chalatenango", "SV", 14.04, -88.94, "sv-ch"),
        m("zacatecoluca", "Zacatecoluca", "SV", 13.50, -88.87, "sv-lp"),
        m("guatemala-city", "Ciudad de Guatemala", "GT", 14.63, -90.51, "gt-gu"),
        m("mixco", "Mixco", "GT", 14.63, -90.61, "gt-gu"),
        m("villa-nueva", "Villa Nueva", "GT", 14.53, -90.59, "gt-gu"),
        m("huehuetenango", "Huehuetenango", "GT", 15.32, -91.47, "gt-hu"),
        m("esquipulas", "Esquipulas", "GT", 14.56, -89.35, "gt-ch"),
        m("flores", "Flores", "GT", 16.93, -89.89, "gt-pe"),
        m("tegucigalpa", "Tegucigalpa", "HN", 14.07, -87.19, "hn-fm"),
        m("san-pedro-sula", "San Pedro Sula", "HN", 15.50, -88.03, "hn-co"),
        m("choloma", "Choloma", "HN", 15.61, -87.95, "hn-co"),
        m("choluteca", "Choluteca", "HN", 13.30, -87.19, "hn-cl"),
        m("managua", "Managua", "NI", 12.13, -86.25, "ni-mn"),
        m("chinandega", "Chinandega", "NI", 12.63, -87.13, "ni-ch"),
        m("tapachula", "Tapachula", "MX", 14.90, -92.26, "mx-ch"),
        m("arriaga", "Arriaga", "MX", 16.24, -93.90, "mx-ch"),
        m("palenque", "Palenque", "MX", 17.51, -91.98, "mx-ch"),
        m("villahermosa", "Villahermosa", "MX", 17.99, -92.93, "mx-ta"),
        m("coatzacoalcos", "Coatzacoalcos", "MX", 18.13, -94.46, "mx-ve"),
        m("veracruz", "Veracruz", "MX", 19.17, -96.13, "mx-ve"),
        m("cdmx", "Cuauhtémoc", "MX", 19.43, -99.13, "mx-cm"), m("reynosa", "Reynosa", "MX", 26.09, -98.28, "mx-tm"),
        m("nuevo-laredo", "Nuevo Laredo", "MX", 27.48, -99.52, "mx-tm"),
        m("matamoros", "Matamoros", "MX", 25.87, -97.50, "mx-tm"),
        m("ciudad-juarez", "Ciudad Juárez", "MX", 31.69, -106.42, "mx-ci"),
        m("chihuahua", "Chihuahua", "MX", 28.63, -106.07, "mx-ci"),
        m("hermosillo", "Hermosillo", "MX", 29.07, -110.96, "mx-so"),
        m("piedras-negras", "Piedras Negras", "MX", 28.70, -100.52, "mx-co"),
    ]

    static let borderPosts: [Site] = [
        p("la-hachadura", "La Hachadura", "SV", 13.86, -90.09, "sv-ah"),
        p("las-chinamas", "Las Chinamas", "SV", 14.00, -89.95, "sv-ah"),
        p("anguiatu", "Anguiatú", "SV", 14.41, -89.48, "sv-sa"),
        p("el-amatillo", "El Amatillo", "SV", 13.59, -87.77, "sv-lu"),
        p("el-poy", "El Poy", "SV", 14.35, -89.20, "sv-ch"),
        p("tecun-uman", "Tecún Umán", "GT", 14.67, -92.14, "gt-sm"),
        p("la-mesilla", "La Mesilla", "GT", 15.63, -91.98, "gt-hu"),
        p("el-ceibo", "El Ceibo", "GT", 17.25, -90.97, "gt-pe"),
        p("agua-caliente", "Agua Caliente", "GT", 14.52, -89.20, "gt-ch"),
        p("corinto", "Corinto", "GT", 15.65, -88.31, "gt-ch"),
        p("guasaule", "Guasaule", "HN", 13.06, -86.95, "hn-cl"),
        p("las-manos", "Las Manos", "HN", 13.78, -86.52, "hn-fm"),
        p("ciudad-hidalgo", "Ciudad Hidalgo", "MX", 14.68, -92.15, "mx-ch"),
        p("san-ysidro", "San Ysidro", "US", 32.54, -117.03, nil), p("el-paso", "El Paso", "US", 31.76, -106.45, nil),
        p("laredo", "Laredo", "US", 27.50, -99.51, nil), p("hidalgo-tx", "Hidalgo", "US", 26.10, -98.26, nil),
        p("brownsville", "Brownsville", "US", 25.90, -97.50, nil),
        p("eagle-pass", "Eagle Pass", "US", 28.71, -100.50, nil),
        p("nogales", "Nogales", "US", 31.34, -110.94, nil),
    ]

    /// Route templates: stop keys in travel order. Routes start where people are recruited or
    /// arrive, cross posts, and end at a post on the United States border.
    static let routeTemplates: [(name: String, stops: [String])] = [
        (
            "Pacific corridor",
            ["san-salvador", "la-hachadura", "tecun-uman", "tapachula", "arriaga", "cdmx", "reynosa", "hidalgo-tx"]
        ),
        (
            "Petén crossing",
            [
                "santa-ana", "anguiatu", "flores", "el-ceibo", "villahermosa", "coatzacoalcos", "veracruz", "matamoros",
                "brownsville",
            ]
        ),
        (
            "Western highlands",
            [
                "sonsonate", "las-chinamas", "guatemala-city", "la-mesilla", "cdmx", "chihuahua", "ciudad-juarez",
                "el-paso",
            ]
        ),
        (
            "Honduran north",
            [
                "san-pedro-sula", "corinto", "guatemala-city", "tecun-uman", "tapachula", "coatzacoalcos",
                "nuevo-laredo", "laredo",
            ]
        ),
        (
            "Nicaraguan gateway",
            [
                "managua", "guasaule", "choluteca", "el-amatillo", "san-miguel", "la-hachadura", "tecun-uman",
                "tapachula", "cdmx", "piedras-negras", "eagle-pass",
            ]
        ),
        (
            "Eastern border",
            [
                "san-miguel", "el-amatillo", "tegucigalpa", "agua-caliente", "esquipulas", "guatemala-city",
                "tecun-uman", "arriaga", "cdmx", "reynosa", "hidalgo-tx",
            ]
        ),
        (
            "Sonora desert",
            ["soyapango", "el-poy", "esquipulas", "guatemala-city", "la-mesilla", "cdmx", "hermosillo", "nogales"]
        ),
        (
            "Gulf coast",
            [
                "tegucigalpa", "agua-caliente", "flores", "el-ceibo", "palenque", "villahermosa", "veracruz",
                "matamoros", "brownsville",
            ]
        ),
    ]

    /// Prisons where gang members serve terms.
    static let prisons: [(name: String, municipality: String)] = [
        ("Centro Penal de Izalco", "izalco"), ("Centro Penal de Ciudad Barrios", "san-miguel"),
        ("Penal de Mariona", "apopa"), ("Centro de Confinamiento del Terrorismo", "san-martin"),
        ("Centro Penal de Quezaltepeque", "colon"), ("Centro Penal de Chalatenango", "chalatenango"),
    ]

    /// Words colonias are named from (combined at random: `Colonia Las Margaritas`, `Reparto San José`).
    static let colonyKinds = ["Colonia", "Reparto", "Barrio", "Residencial", "Cantón", "Comunidad"]
    static let colonyNames = [
        "San José", "Las Margaritas", "El Progreso", "La Campanera", "Santa Lucía", "Las Palmas", "El Carmen",
        "San Antonio", "Los Almendros", "La Esperanza", "Monte Carmelo", "San Rafael", "Las Brisas", "El Milagro",
        "La Fuente", "Santa Marta", "Los Pinos", "San Bartolo", "La Cima", "El Refugio", "Jardines del Valle",
        "Valle Verde", "Nueva Vida", "Las Flores", "San Francisco", "La Pradera", "El Bosque", "Altos del Cerro",
    ]

    /// Every site by key.
    static let sitesByKey: [String: Site] = {
        var all: [String: Site] = [:]
        for site in departments + municipalities + borderPosts { all[site.key] = site }
        return all
    }()

    /// Central American municipalities where gangs hold territory.
    static var gangMunicipalities: [Site] { municipalities.filter { ["SV", "GT", "HN"].contains($0.country) } }

    private static func d(_ key: String, _ name: String, _ country: String, _ lat: Double, _ lon: Double) -> Site {
        Site(
            key: key, name: (country == "MX" ? "Estado de " : "Departamento de ") + name,
            type: CoreSchema.PlaceType.department,
            country: country, latitude: lat, longitude: lon, parent: nil)
    }
    private static func m(
        _ key: String, _ name: String, _ country: String, _ lat: Double, _ lon: Double, _ parent: String
    ) -> Site {
        Site(
            key: key, name: name, type: CoreSchema.PlaceType.municipality, country: country, latitude: lat,
            longitude: lon, parent: parent)
    }
    private static func p(
        _ key: String, _ name: String, _ country: String, _ lat: Double, _ lon: Double, _ parent: String?
    ) -> Site {
        Site(
            key: key, name: name, type: CoreSchema.PlaceType.borderPost, country: country, latitude: lat,
            longitude: lon, parent: parent)
    }
}
