require "fileinto";
fileinto "personal-one";
