using Microsoft.Extensions.Options;

namespace FamilyAid.Functions.Settings;

/// <summary>Registers a feature's settings with the options pattern, read and checked when the app starts.</summary>
public static class SettingsOptions
{
    /// <summary>Binds <typeparamref name="T"/> with <paramref name="read"/>, which validates as it reads (a bad setting throws
    /// <see cref="SettingsException"/> with its name), checks it on start, and registers its value for injection.</summary>
    public static OptionsBuilder<T> AddSettings<T>(this IServiceCollection services, Func<IConfiguration, T> read)
        where T : class
    {
        services.AddSingleton<IOptionsFactory<T>>(sp => new ReadingFactory<T>(
            () => read(sp.GetRequiredService<IConfiguration>()),
            sp.GetServices<IConfigureOptions<T>>(), sp.GetServices<IPostConfigureOptions<T>>(), sp.GetServices<IValidateOptions<T>>()));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<T>>().Value);
        return services.AddOptions<T>().ValidateOnStart();
    }

    /// <summary>Checks every registered feature's settings now: throws <see cref="SettingsException"/> naming the first bad one.</summary>
    public static void Validate(IServiceProvider services) => services.GetRequiredService<IStartupValidator>().Validate();

    // The settings are immutable records read from configuration in one go (so a rule can span settings, and the
    // message names the setting), rather than a mutable class the binder fills and a validator checks afterwards.
    private sealed class ReadingFactory<T>(
        Func<T> read, IEnumerable<IConfigureOptions<T>> setups, IEnumerable<IPostConfigureOptions<T>> postSetups,
        IEnumerable<IValidateOptions<T>> validations) : OptionsFactory<T>(setups, postSetups, validations)
        where T : class
    {
        protected override T CreateInstance(string name) => read();
    }
}
