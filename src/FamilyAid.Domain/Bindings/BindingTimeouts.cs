namespace FamilyAid.Domain.Bindings;

/// <summary>How long a request may wait at each step before it expires (configuration, not law).</summary>
public sealed record BindingTimeouts(TimeSpan Documents, TimeSpan FaceCheck, int ReviewWorkingDays)
{
    /// <summary>Documents 7 days, face check 3 days after it becomes due, review 1 working day.</summary>
    public static readonly BindingTimeouts Default = new(TimeSpan.FromDays(7), TimeSpan.FromDays(3), 1);
}
