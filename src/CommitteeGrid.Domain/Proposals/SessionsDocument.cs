namespace CommitteeGrid.Domain.Proposals;

/// <summary>Committees' sessions as data (seeds/sessions.json).</summary>
public sealed class SessionsDocument
{
    public List<SessionDocument> Sessions { get; set; } = [];
}

/// <summary>
/// One session (第 Term 届第 Session 次会议) of a committee with its plenary dates (China dates,
/// inclusive). Its id is "{term}-{session}".
/// </summary>
public sealed class SessionDocument
{
    public string Committee { get; set; } = "";

    public int Term { get; set; }

    public int Session { get; set; }

    public string? Name { get; set; }

    public DateOnly PlenaryStart { get; set; }

    public DateOnly PlenaryEnd { get; set; }
}
