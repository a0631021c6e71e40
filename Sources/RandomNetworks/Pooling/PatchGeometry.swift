import GSL

/// What the pooling paper's eq. (6) does with pixels outside the image. The
/// paper does not say; each claim states the rule it uses.
public enum ConvolutionBoundary: String, Sendable, CaseIterable, CustomStringConvertible {
    /// Indices taken modulo d: every position sees a full k×k patch and every
    /// pixel lies in exactly k² patches (App. E counts d² full Gaussian patches).
    case cyclic
    /// Zero padding of (k − 1)/2 on each side: output d×d ("same"), partial patches at the border.
    case zeroPadded
    /// No padding: output (d − k + 1)×(d − k + 1), full patches only (PyTorch's default `padding=0`).
    case valid

    /// "cyclic", "zeroPadded" or "valid".
    public var description: String { rawValue }
}

/// The patches α_{uv} of the pooling paper's centered convolution, eq. (6):
///
///     (W * x)_{uv} = Σ_{i,j ∈ [−(k−1)/2, (k−1)/2]} W_{ij} x_{u−i, v−j} = ⟨W, α_{uv}⟩,
///
/// with k odd, x ∈ R^{d×d×c} (c = 1 in the paper) and the patch α_{uv} holding
/// x_{u−i, v−j, ch} at index ((i + h)k + (j + h))c + ch, h = (k − 1)/2: the
/// notation of §1.3 (α_i, ind(α)) and App. D/E. Output positions are numbered
/// row-major over the output grid; for `valid` output (u, v) is centred at
/// pixel (u + h, v + h).
public struct PatchGeometry: Sendable, Equatable {
    /// The odd kernel side k.
    public let kernelSize: Int
    /// The input channels c.
    public let channels: Int
    /// What happens to pixels outside the image (the paper leaves it open).
    public let boundary: ConvolutionBoundary

    /// The patches of a k × k × c kernel under `boundary`. Throws `ParameterError` for an even or non-positive
    /// k, fewer than one channel, or k²c overflowing `Int`.
    public init(kernelSize: Int, channels: Int = 1, boundary: ConvolutionBoundary) throws {
        try Require.atLeast(kernelSize, 1, "kernelSize", in: "PatchGeometry")
        guard kernelSize % 2 == 1 else {
            throw ParameterError("PatchGeometry", parameter: "kernelSize", value: "\(kernelSize)",
                                 requirement: "odd (eq. (6) centres the kernel)")
        }
        try Require.atLeast(channels, 1, "channels", in: "PatchGeometry")
        try Require.product([kernelSize, kernelSize, channels], "kernelSize² · channels", in: "PatchGeometry")
        self.kernelSize = kernelSize
        self.channels = channels
        self.boundary = boundary
    }

    /// h = (k − 1)/2.
    public var halfWidth: Int { (kernelSize - 1) / 2 }
    /// k² c, the length of a patch.
    public var patchLength: Int { kernelSize * kernelSize * channels }

    /// The side of the output grid for a d×d input: d, or d − k + 1 for `valid`.
    public func outputSide(imageSize d: Int) throws -> Int {
        try Require.atLeast(d, 1, "imageSize", in: "PatchGeometry.outputSide")
        guard boundary == .valid else { return d }
        guard d >= kernelSize else {
            throw ParameterError("PatchGeometry.outputSide", parameter: "imageSize", value: "\(d)",
                                 requirement: "at least the kernel size \(kernelSize) without padding")
        }
        return d - kernelSize + 1
    }

    /// The number of output positions, |D| = d² except for `valid`.
    public func positions(imageSize d: Int) throws -> Int {
        let side = try outputSide(imageSize: d)
        return side * side
    }

    /// The pixel (row, column) patch entry (i, j) of output position (u, v)
    /// reads, or nil when it falls in the zero padding.
    @inline(__always)
    func source(u: Int, v: Int, i: Int, j: Int, imageSize d: Int) -> (Int, Int)? {
        let h = halfWidth
        switch boundary {
        case .cyclic:
            return (((u - i) % d + d) % d, ((v - j) % d + d) % d)
        case .zeroPadded:
            let r = u - i, c = v - j
            return r >= 0 && r < d && c >= 0 && c < d ? (r, c) : nil
        case .valid:
            return (u + h - i, v + h - j)
        }
    }

    private func validate(_ image: Image, _ context: String) throws {
        guard image.channels == channels else {
            throw ParameterError(context, parameter: "image", value: "\(image.channels) channels",
                                 requirement: "\(channels) channels, as the geometry")
        }
        _ = try outputSide(imageSize: image.size)
    }

    /// Writes the positions × k²c patch matrix of `image` (im2col for eq. (6)) at `patches`.
    public func writePatches(of image: Image, into patches: UnsafeMutablePointer<Double>) throws {
        try validate(image, "PatchGeometry.writePatches")
        try gather(imageSize: image.size).writePatches(of: image, into: patches)
    }

    /// The im2col gather table for d×d images, to build once and reuse for many images of that size.
    public func gather(imageSize d: Int) throws -> PatchGather {
        let side = try outputSide(imageSize: d)
        var sources: [Int32] = []
        sources.reserveCapacity(side * side * kernelSize * kernelSize)
        for u in 0..<side {
            for v in 0..<side {
                for i in -halfWidth...halfWidth {
                    for j in -halfWidth...halfWidth {
                        if let (r, c) = source(u: u, v: v, i: i, j: j, imageSize: d) {
                            sources.append(Int32(r * d + c))
                        } else {
                            sources.append(-1)
                        }
                    }
                }
            }
        }
        return PatchGather(geometry: self, imageSize: d, sources: sources)
    }

    /// The patch matrix: row p is α_p, the patch of output position p.
    public func patches(of image: Image) throws -> Matrix {
        let rows = try positions(imageSize: image.size)
        var storage = [Double](repeating: 0, count: rows * patchLength)
        try storage.withUnsafeMutableBufferPointer { try writePatches(of: image, into: $0.baseAddress!) }
        return try Matrix(rows: rows, columns: patchLength, storage: storage)
    }

    /// ind(α_{uv}) of §1.3: the pixels (row · d + column) the patch of output
    /// position (u, v) reads, without the zero padding, sorted, each once.
    public func pixelIndices(ofPatchAt u: Int, _ v: Int, imageSize d: Int) throws -> [Int] {
        let side = try outputSide(imageSize: d)
        try Require.within(Double(u), 0...Double(side - 1), "u", in: "PatchGeometry.pixelIndices")
        try Require.within(Double(v), 0...Double(side - 1), "v", in: "PatchGeometry.pixelIndices")
        var pixels = Set<Int>()
        for i in -halfWidth...halfWidth {
            for j in -halfWidth...halfWidth {
                if let (r, s) = source(u: u, v: v, i: i, j: j, imageSize: d) { pixels.insert(r * d + s) }
            }
        }
        return pixels.sorted()
    }
}

/// The im2col gather of a `PatchGeometry` for one image size: entry (p, (i + h)k + (j + h)) of the patch
/// matrix reads pixel `sources[…]` (all channels), or 0 in the zero padding (−1).
public struct PatchGather: Sendable {
    /// The geometry whose patches are gathered.
    public let geometry: PatchGeometry
    /// The side d of the images.
    public let imageSize: Int
    let sources: [Int32]

    /// The number of output positions.
    public var positions: Int { sources.count / (geometry.kernelSize * geometry.kernelSize) }

    /// Writes the positions × k²c patch matrix of `image` at `patches`.
    public func writePatches(of image: Image, into patches: UnsafeMutablePointer<Double>) throws {
        guard image.size == imageSize, image.channels == geometry.channels else {
            throw ParameterError("PatchGather.writePatches", parameter: "image",
                                 value: "size \(image.size), \(image.channels) channels",
                                 requirement: "size \(imageSize) with \(geometry.channels) channels")
        }
        let c = geometry.channels
        image.pixels.withUnsafeBufferPointer { x in
            sources.withUnsafeBufferPointer { table in
                var out = patches
                if c == 1 {
                    for index in table { out.pointee = index < 0 ? 0 : x[Int(index)]; out += 1 }
                } else {
                    for index in table {
                        if index < 0 {
                            out.update(repeating: 0, count: c)
                        } else {
                            out.update(from: x.baseAddress! + Int(index) * c, count: c)
                        }
                        out += c
                    }
                }
            }
        }
    }
}
