namespace BackCareSite.Diagnostics;

/// <summary>
/// Every diagnostic code the generator reports. docs/content-guide.md lists each
/// with its fix; a test keeps the two in step.
/// </summary>
internal static class ErrorCodes
{
    // Files and front-matter structure.
    public const string FileEmpty = "BCS0101";
    public const string FileNotUtf8 = "BCS0102";
    public const string FrontMatterMissing = "BCS0103";
    public const string FrontMatterUnclosed = "BCS0104";
    public const string YamlSyntax = "BCS0105";
    public const string FileUnreadable = "BCS0106";
    public const string MissingDataFile = "BCS0107";
    public const string SymbolicLink = "BCS0108";
    public const string FileTooLarge = "BCS0109";
    public const string LineTooLong = "BCS0110";
    public const string ControlCharacter = "BCS0111";
    public const string YamlTooDeep = "BCS0112";
    public const string MediaTypeNotAllowed = "BCS0113";
    public const string UnsafeSvg = "BCS0114";
    public const string InvalidMediaType = "BCS0115";
    public const string NotARegularFile = "BCS0116";

    // Front-matter fields.
    public const string RequiredField = "BCS0201";
    public const string UnknownField = "BCS0202";
    public const string WrongType = "BCS0203";
    public const string InvalidDate = "BCS0204";
    public const string InvalidSlug = "BCS0205";
    public const string InvalidEnum = "BCS0206";
    public const string EmptyList = "BCS0207";
    public const string ImageWithoutAlt = "BCS0208";
    public const string UnknownExercise = "BCS0209";
    public const string DuplicateSlug = "BCS0210";
    public const string DuplicateOutputPath = "BCS0211";
    public const string InvalidUrl = "BCS0212";
    public const string MissingMedia = "BCS0213";
    public const string ReviewOverdue = "BCS0214";
    public const string InvalidValue = "BCS0215";
    public const string DuplicateKey = "BCS0216";
    public const string TextInsteadOfList = "BCS0217";
    public const string ExerciseHasErrors = "BCS0218";

    // Markdown.
    public const string BrokenContentLink = "BCS0301";
    public const string UnsafeHtml = "BCS0302";
    public const string UnsafeUrl = "BCS0303";
    public const string UnknownEmbed = "BCS0304";
    public const string InvalidEmbed = "BCS0305";
    public const string MissingLinkTarget = "BCS0306";
    public const string MarkdownTooDeep = "BCS0307";
    public const string TooManyBrackets = "BCS0308";
    public const string MarkdownImageWithoutAlt = "BCS0316";
    public const string WebAddressWithoutScheme = "BCS0317";

    // Templates.
    public const string TemplateSyntax = "BCS0401";
    public const string TemplateRuntime = "BCS0402";
    public const string TemplateMissing = "BCS0403";

    // Links of the built site (Links/LinkChecker).
    public const string LinkTargetMissing = "BCS0501";
    public const string LinkFragmentMissing = "BCS0502";
    public const string LinkOutsideSite = "BCS0503";
    public const string LinkImageWithoutAlt = "BCS0504";
    public const string LinkDuplicateId = "BCS0505";
    public const string LinkToMarkdownSource = "BCS0506";
    public const string LinkMalformedMailto = "BCS0507";
    public const string LinkMalformedTel = "BCS0508";
    public const string LinkMalformedUrl = "BCS0509";
    public const string LinkExternalBroken = "BCS0510";
    public const string LinkExternalUnverified = "BCS0511";
    public const string LinkPageUnreadable = "BCS0512";

    // Output and publishing.
    public const string UnsafeOutputFolder = "BCS0601";
    public const string OutputWriteFailed = "BCS0602";
    public const string OutputFolderNotOurs = "BCS0603";
    public const string OutputLocked = "BCS0604";

    // Red-flag data.
    public const string UnknownLevel = "BCS0701";
    public const string DuplicateFlag = "BCS0702";
    public const string MissingLevel = "BCS0703";
    public const string RedFlagUnsourced = "BCS0704";
    public const string IntendedPurposeMissing = "BCS0705";

    // Health-content governance (Content/GovernanceChecker).
    public const string SourcesMissing = "BCS0901";
    public const string SourceIncomplete = "BCS0902";
    public const string ReviewMissing = "BCS0903";
    public const string UnknownReviewer = "BCS0904";
    public const string ReviewIntervalTooLong = "BCS0905";
    public const string ReviewDueSoon = "BCS0906";
    public const string DuplicateReviewer = "BCS0907";
    public const string Placeholder = "BCS0908";
    public const string HardToRead = "BCS0909";
    public const string FeedbackEmailMissing = "BCS0910";

    // Search index (Pagefind).
    public const string SearchToolMissing = "BCS1201";
    public const string SearchIndexFailed = "BCS1202";

    // Pictures.
    public const string PictureUnreadable = "BCS1001";
    public const string PictureUnsupported = "BCS1002";
    public const string PictureTooLarge = "BCS1003";
    public const string PictureTooSmall = "BCS1004";
    public const string InvalidPictureSetting = "BCS1005";
    public const string PictureNameTaken = "BCS1006";
    public const string PictureLibraryMissing = "BCS1007";

    // The CMS and the files for Netlify.
    public const string NetlifyTomlInvalid = "BCS1301";
    public const string NotFoundPolicyMissing = "BCS1302";

    // The build itself.
    public const string SourceChanged = "BCS1401";
}
