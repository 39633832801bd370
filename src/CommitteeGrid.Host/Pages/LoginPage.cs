namespace CommitteeGrid.Host.Pages;

/// <summary>The sign-in page, embedded in the host (Pages/login.html).</summary>
internal static class LoginPage
{
    public static string Html { get; } = Read();

    private static string Read()
    {
        using var stream = typeof(LoginPage).Assembly.GetManifestResourceStream("CommitteeGrid.Host.Pages.login.html")
            ?? throw new InvalidOperationException("the login page is not embedded in the host");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
