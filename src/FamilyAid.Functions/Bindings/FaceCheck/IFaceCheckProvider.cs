namespace FamilyAid.Functions.Bindings.FaceCheck;

/// <summary>The port to the face-check provider: it opens a session in which the member shows their face to the
/// provider's own SDK, and later calls back with the verdict. No image ever passes through FamilyAid.</summary>
public interface IFaceCheckProvider
{
    /// <summary>Opens a session for the member of a request; returns the provider's session id.</summary>
    Task<string> StartSession(string bindingId, string memberId, CancellationToken ct);
}
