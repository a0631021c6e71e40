extension PoolingCosines {
    /// The cosines of the pooling paper's FCN features r(h_i), r(h_j) for two columns of the pre-activations Wx of a
    /// batch, without pooling, average-pooled and max-pooled in blocks of `poolSize` (eqs. (2)–(5)); nil when a
    /// feature vector is zero.
    public static func fcn(hidden: Matrix, columns: (Int, Int), poolSize: Int) throws -> PoolingCosines? {
        let fx = hidden.column(columns.0).map { max(0, $0) }, fy = hidden.column(columns.1).map { max(0, $0) }
        let pooling = try PartitionedPooling(groups: hidden.rows / poolSize, poolSize: poolSize)
        guard let relu = Vector.cosine(fx, fy),
              let average = Vector.cosine(try pooling.average(fx), try pooling.average(fy)),
              let maximum = Vector.cosine(try pooling.maximum(fx), try pooling.maximum(fy)) else {
            return nil
        }
        return PoolingCosines(relu: relu, average: average, maximum: maximum)
    }
}
