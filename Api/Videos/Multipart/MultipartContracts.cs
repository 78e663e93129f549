namespace Platform.Api.Videos.Multipart;

/// <summary>An open multipart upload: send part n (bytes [(n−1)·partSize, min(n·partSize, size))) to its signed URL; <see cref="Parts"/> are in storage already.</summary>
public sealed record MultipartUploadResponse(string UploadId, long PartSize, int PartCount, IReadOnlyList<UploadedPart> Parts);

/// <summary>A part storage holds.</summary>
public sealed record UploadedPart(int PartNumber, long Size);

/// <summary>The parts to sign: 1–100 numbers, each from 1 to the upload's part count.</summary>
public sealed record SignPartsRequest(IReadOnlyList<int>? PartNumbers);

public sealed record SignPartsResponse(IReadOnlyList<SignedPart> Parts);

/// <summary>PUT the part's bytes to <see cref="Url"/> (no other headers needed) before <see cref="ExpiresAt"/>.</summary>
public sealed record SignedPart(int PartNumber, string Method, string Url, DateTimeOffset ExpiresAt);
