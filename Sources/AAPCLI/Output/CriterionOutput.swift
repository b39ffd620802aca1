import AAPDomain

/// One criterion of a call's scoring grid.
struct CriterionOutput: Encodable {
    let name: String
    let weight: Int

    init(_ c: Criterion) {
        name = c.name
        weight = c.weight
    }
}
